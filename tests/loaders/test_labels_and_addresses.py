"""Field labels, footer addresses and a sentence's first word are no organisations, even
inside a list of real ones (shapes of the dev7 set)."""

from __future__ import annotations

from extracttools import extract, orgs


def test_field_labels_after_a_partner_cue_are_no_organisations() -> None:
    text = (
        "Arrangör: Region Västerbotten i samarbete med Lycksele kommun\n"
        "Moderator: Karin Öhman, processledare\nAntecknat av: Per Lindgren\n\nSyfte\n"
    )
    assert orgs(extract(text)) == {"Region Västerbotten", "Lycksele kommun"}


def test_a_footer_address_is_no_organisation() -> None:
    text = "Kontakt\n\nRegion Västerbotten, Box 443, 901 09 Umeå | Om kakor\n"
    assert orgs(extract(text)) == {"Region Västerbotten"}


def test_members_before_ingar_stand_in_its_own_clause() -> None:
    text = (
        "Folkhälsa och social hållbarhet hanteras i Folkhälsopartnerskapet Norrbotten, där "
        "Region Norrbotten, Norrbottens Kommuner och Länsstyrelsen Norrbotten ingår.\n"
    )
    assert "Folkhälsa" not in orgs(extract(text))


def test_minute_headings_and_plans_are_no_organisations() -> None:
    text = (
        "§ 62 Medlemskap i nätverket\nÄrendebeskrivning\nVilhelmina kommun har sedan 2019 "
        "varit medlem.\n\n## Relaterade länkar\n\n- Kulturplan för Västernorrland 2024–2027\n"
        "- Tillväxtverket\n"
    )
    assert orgs(extract(text)) == {"Vilhelmina kommun", "Tillväxtverket"}


def test_an_english_gloss_with_acronym_is_an_alias_and_kind_words_are_no_bodies() -> None:
    text = (
        "Members\n\n- Luleå tekniska universitet (Luleå University of Technology, LTU)\n"
        "- Region Norrbotten\n\nArvidsjaurs Stadshus AB\nModerbolag i kommunkoncernen.\n"
    )
    x = extract(text)
    assert orgs(x) == {"Luleå tekniska universitet", "Region Norrbotten", "Arvidsjaurs Stadshus AB"}
    ltu = next(e for e in x.entities if e.name == "Luleå tekniska universitet")
    assert "Luleå University of Technology" in ltu.aliases
