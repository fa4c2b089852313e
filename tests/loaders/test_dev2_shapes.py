"""Work names and relations in the text shapes of the second development set
(bench/gold/dev2: press releases, network pages, minutes, newsletters). Excerpts are
copied from those texts; every test runs the real pipeline or the real rule function."""

from __future__ import annotations

from extracttools import extract, related, works

from loaders.clean import clean_text
from loaders.structure import outline
from loaders.works import work_names
from ontology.model import EntityType, RelationType

R = RelationType


def _names(text: str) -> dict[str, str]:
    return {w.text: w.kind for w in work_names(text)}


def test_a_name_given_by_naming_verb_takes_the_kind_of_its_subject_noun() -> None:
    text = (
        "Samarbetet har fått namnet Bottenvikens vätgaskorridor (BVK) och ska göra det "
        "möjligt för tunga transporter att köra fossilfritt."
    )
    found = [w for w in work_names(text) if w.text == "Bottenvikens vätgaskorridor"]
    assert [(w.kind, w.acronym) for w in found] == [("arena", "BVK")]


def test_appositions_name_networks_and_forums_on_either_side() -> None:
    text = (
        "Nu står Skellefteå kommun och Arbetsförmedlingen bakom ett nytt nätverk, "
        "Batterikompetens Norr, som ska se till att kunskapen stannar. Umeå universitet har "
        "startat Kompetensplattform Västerbotten, ett forum där lärosäten ska mötas. Från "
        "årsskiftet tar Norrbottens Kommuner över samordningen av Digitala Norrbotten, det "
        "nätverk där länets kommuner samarbetar."
    )
    names = _names(text)
    assert names["Batterikompetens Norr"] == "arena"
    assert names["Kompetensplattform Västerbotten"] == "arena"
    assert names["Digitala Norrbotten"] == "arena"


def test_an_apposition_needs_a_capitalised_name() -> None:
    text = "Vi bildade 2019 ett nätverk, som sedan dess har vuxit, och en plattform, för alla."
    assert not [w for w in work_names(text) if w.kind == "arena"]


def test_dash_titles_name_working_groups_but_not_sentences() -> None:
    text = (
        "Arbetsgrupp Leder och friluftsliv – samordnar underhåll och skyltning av leder.\n\n"
        "Rennäring och besöksnäring – en dialoggrupp där Sametinget deltar.\n\n"
        "Nätverket har också ett samarbete med DIGG – Myndigheten för digital förvaltning.\n\n"
        "Nätverket för Hälsofrämjande Hälso - och sjukvård, HFS"
    )
    names = _names(text)
    assert names["Arbetsgrupp Leder och friluftsliv"] == "arena"
    assert names["Rennäring och besöksnäring"] == "arena"
    assert not any(n.startswith("Nätverket har") for n in names)
    assert "Nätverket för Hälsofrämjande Hälso" not in names


def test_a_place_genitive_before_a_setting_compound_names_an_arena() -> None:
    text = "Region Norrbotten står som värd för Norrbottens kulturråd även under 2026."
    assert _names(text)["Norrbottens kulturråd"] == "arena"
    assert "Vackra kulturråd" not in _names("Det finns vackra kulturråd i landet.")


def test_a_title_joined_by_och_before_a_verb_and_a_period_in_parentheses() -> None:
    text = (
        "Kunskapsprojektet Renar och vind drivs av samebyn. Under projektet Fjällturism i "
        "balans (2017–2019) prövades formerna."
    )
    names = _names(text)
    assert "Renar och vind" in names
    assert "Fjällturism i balans" in names
    assert not any("2017" in n for n in names)


def test_an_initiatives_subheading_opens_its_list_when_no_area_heading_follows() -> None:
    text = (
        "Ett urval av insatser i länet\n\nGreen Skills Norrbotten\n\nLuleå tekniska universitet "
        "är projektägare för Green Skills Norrbotten. Projektet genomförs tillsammans med LKAB "
        "och SSAB och medfinansieras av Region Norrbotten.\n"
    )
    x = extract(text)
    assert works(x)["Green Skills Norrbotten"] is EntityType.PROJECT
    assert ("Luleå tekniska universitet", "Green Skills Norrbotten") in related(x, R.LEADS)
    assert ("LKAB", "Green Skills Norrbotten") in related(x, R.PARTNER_IN)
    assert ("Region Norrbotten", "Green Skills Norrbotten") in related(x, R.FUNDS)


def test_bold_labels_under_an_arena_section_are_arenas_with_their_members() -> None:
    text = (
        "## § 113 Rapport från samverkansarenor\n\n"
        "**Partnerskapet för RUS:** Vid höstens möte i partnerskapet deltog bland andra "
        "Länsstyrelsen Norrbotten, Luleå tekniska universitet och Sametinget.\n\n"
        "**Kommunchefsträffen:** Norrbottens Kommuner har bjudit in till kommunchefsträff.\n\n"
        "## § 114 Yttrande över Trafikverkets nationella plan 2026\n\n"
        "Nämnden ställer sig bakom förslaget.\n"
    )
    x = extract(text)
    found = works(x)
    assert found["Partnerskapet för RUS"] is EntityType.ARENA
    assert found["Kommunchefsträffen"] is EntityType.ARENA
    assert not any("Yttrande" in n for n in found)  # the next ## heading closes the list
    members = {o for o, a in related(x, R.MEMBER_OF) if a == "Partnerskapet för RUS"}
    assert members == {"Länsstyrelsen Norrbotten", "Luleå tekniska universitet", "Sametinget"}
    assert ("Norrbottens Kommuner", "Kommunchefsträffen") in related(x, R.LEADS)


def test_numbered_decisions_name_projects_and_their_beneficiaries_lead() -> None:
    text = (
        "## § 114 Beslut om regional projektmedfinansiering\n\n"
        "1. **Smart Mat Norrbotten** – Hushållningssällskapet beviljas 820 000 kronor för "
        "projektet Smart Mat Norrbotten. LRF Norrbotten och Eldrimner är samarbetspartner.\n"
        "2. **Kulturarv i Tornedalen** – Ansökan om 400 000 kronor avslås.\n"
    )
    x = extract(text)
    found = works(x)
    assert found["Smart Mat Norrbotten"] is EntityType.PROJECT
    assert found["Kulturarv i Tornedalen"] is EntityType.PROJECT
    partners = {o for o, p in related(x, R.PARTNER_IN) if p == "Smart Mat Norrbotten"}
    assert partners == {"LRF Norrbotten", "Eldrimner"}


def test_partner_after_the_agent_and_the_antecedent_of_a_relative_clause() -> None:
    text = (
        "Fjällrådet Västerbotten är ett regionalt samverkansråd.\n\n"
        "Rådet är referensgrupp för projektet Fjällturism i balans 2.0, som Region "
        "Västerbotten driver under 2024–2026. Förstudien Vätgas längs E4 leds av Research "
        "Institutes of Sweden (RISE) i samarbete med Luleå tekniska universitet (LTU).\n"
    )
    x = extract(text)
    leads = related(x, R.LEADS)
    assert ("Region Västerbotten", "Fjällturism i balans 2.0") in leads
    assert ("Region Västerbotten", "Fjällrådet Västerbotten") not in leads
    assert ("Research Institutes of Sweden", "Vätgas längs E4") in leads
    partners = related(x, R.PARTNER_IN)
    assert ("Luleå tekniska universitet", "Vätgas längs E4") in partners
    assert ("Research Institutes of Sweden", "Vätgas längs E4") not in partners


def test_a_paragraph_topic_scopes_the_sentences_after_it() -> None:
    text = (
        "Interregprojektet Arctic Food Route ska utveckla matturism. Projektet har beviljats "
        "stöd från Tillväxtverket. På svenska sidan deltar Pajala kommun och Övertorneå kommun "
        "som partner.\n\nEn helt annan mening där Kalix kommun deltar.\n"
    )
    x = extract(text)
    partners = {o for o, p in related(x, R.PARTNER_IN) if p == "Arctic Food Route"}
    assert partners == {"Pajala kommun", "Övertorneå kommun"}
    assert ("Tillväxtverket", "Arctic Food Route") in related(x, R.FUNDS)


def test_a_compound_definite_noun_points_back_at_the_named_arena() -> None:
    text = (
        "Umeå universitet har startat Kompetensplattform Västerbotten, ett forum där "
        "lärosäten ska mötas. Kompetensplattformen finansieras under de första tre åren av "
        "Region Västerbotten och Umeå kommun."
    )
    funders = {
        o for o, a in related(extract(text), R.FUNDS) if a == "Kompetensplattform Västerbotten"
    }
    assert funders == {"Region Västerbotten", "Umeå kommun"}


def test_wrapped_lines_join_and_hyphenation_is_repaired_with_offsets_kept() -> None:
    original = (
        "Här möts utbild-\nningsanordnare och Myndigheten för\nyrkeshögskolan. Hälso-\noch "
        "sjukvård.\n- en punkt\n- en till"
    )
    clean = clean_text(original, "d")
    assert "Här möts utbildningsanordnare och Myndigheten för yrkeshögskolan." in clean.text
    assert "Hälso- och sjukvård." in clean.text
    assert "\n- en punkt\n- en till" in clean.text  # list lines keep their breaks
    start = clean.text.index("utbildningsanordnare")
    s, e = clean.span(start, start + len("utbildningsanordnare"))
    assert original[s:e] == "utbild-\nningsanordnare"


def test_outline_keeps_the_markdown_level_of_headings() -> None:
    out = outline("## Rubrik två\n\n### Rubrik tre\n\nText.\n", "strategy:x")
    assert [(ln.text, ln.level) for ln in out.lines if ln.heading] == [
        ("Rubrik två", 2),
        ("Rubrik tre", 3),
    ]


def test_examples_after_a_relative_clause_and_som_meaning_such_as_are_members() -> None:
    text = (
        "Batterikompetens Norr är ett nätverk för batteriindustrin. Nätverket samlar "
        "arbetsgivare som vill rekrytera, bland andra Skellefteå Kraft och Boliden, samt "
        "utbildningsanordnare som Luleå tekniska universitet. Nätverket, som Umeå kommun "
        "lämnade 2020, har vuxit."
    )
    members = {o for o, a in related(extract(text), R.MEMBER_OF) if a == "Batterikompetens Norr"}
    assert members == {"Skellefteå Kraft", "Boliden", "Luleå tekniska universitet"}
