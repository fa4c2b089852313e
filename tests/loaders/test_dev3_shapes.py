"""Tables, role bullets, quoted titles and foreign bodies: the text shapes of the third
development set (bench/gold/dev3, modelled on real pages). Excerpts from those texts run
through the real rule functions and the real pipeline."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from loaders.mentions import find_mentions
from loaders.tables import table_rows
from loaders.works import work_names
from ontology.model import EntityType, RelationType

R = RelationType

TABLE = (
    "Ett urval av de prioriterade projekten\n\n"
    "Projekt – projektägare – prioriterat belopp\n\n"
    "  • Norrbotten Digital Twin – Luleå tekniska universitet – 14 800 000 kr\n"
    "  • Batteriet i Norr: leverantörsutveckling – Science City Skellefteå – 9 950 000 kr\n"
    "  • Nya vägar till jobb i Boden – Bodens kommun, i samverkan med Arbetsförmedlingen – "
    "5 200 000 kr (ESF+)\n\n"
    "Projektet Norrbotten Digital Twin genomförs tillsammans med Region Norrbotten.\n"
)


def test_table_rows_follow_the_column_labels() -> None:
    rows = table_rows(TABLE)
    assert [(r.kind, r.name.text) for r in rows] == [
        ("project", "Norrbotten Digital Twin"),
        ("project", "Batteriet i Norr: leverantörsutveckling"),
        ("project", "Nya vägar till jobb i Boden"),
    ]
    assert [(t.value, c.text) for t, c in rows[0].roles] == [
        ("leads", "Luleå tekniska universitet")
    ]
    for row in rows:  # offsets slice the text
        assert TABLE[row.name.start : row.name.end] == row.name.text


def test_a_header_without_a_role_column_makes_no_table() -> None:
    text = "Ort – datum – tid\n\n• Umeå – 4 december – 09.00\n• Luleå – 11 december – 10.00\n"
    assert table_rows(text) == []


def test_table_rows_give_projects_owners_and_partners() -> None:
    x = extract(TABLE)
    found = works(x)
    assert found["Norrbotten Digital Twin"] is EntityType.PROJECT
    assert found["Batteriet i Norr: leverantörsutveckling"] is EntityType.PROJECT
    leads = related(x, R.LEADS)
    assert ("Luleå tekniska universitet", "Norrbotten Digital Twin") in leads
    assert ("Science City Skellefteå", "Batteriet i Norr: leverantörsutveckling") in leads
    assert ("Bodens kommun", "Nya vägar till jobb i Boden") in leads
    assert ("Arbetsförmedlingen", "Nya vägar till jobb i Boden") in related(x, R.PARTNER_IN)
    assert ("Region Norrbotten", "Norrbotten Digital Twin") in related(x, R.PARTNER_IN)


def test_bullets_with_a_role_after_the_dash_are_projects_with_their_partners() -> None:
    text = (
        "Så här fördelas stödet:\n\n"
        "  • Tiny homes i Arktis – projektpartner är Lapin ammattikorkeakoulu Oy, LTU "
        "Business AB och Pohjois-Suomen rakennusklusteri ry\n"
        "  • Gränslöst, tryggt och levande Nord – projektpartner är Tornedalsrådet och "
        "Tunturi-Lapin Kehitys ry\n"
    )
    x = extract(text)
    assert works(x)["Tiny homes i Arktis"] is EntityType.PROJECT
    partners = {o for o, p in related(x, R.PARTNER_IN) if p == "Tiny homes i Arktis"}
    assert partners == {
        "Lapin ammattikorkeakoulu Oy",
        "LTU Business AB",
        "Pohjois-Suomen rakennusklusteri ry",
    }
    assert "Gränslöst" not in orgs(x)  # a list item inside a work's name


def test_finnish_and_sami_public_bodies() -> None:
    text = (
        "Projektet har Oulun yliopisto och Vaasan ammattikorkeakoulu som partner. Förstudien "
        "drivs av Sámi allaskuvla med Tornion kaupunki."
    )
    found = {m.name: m.org_type for m in find_mentions(text)}
    assert found["Oulun yliopisto"] == "university"
    assert found["Vaasan ammattikorkeakoulu"] == "university"
    assert found["Sámi allaskuvla"] == "university"
    assert found["Tornion kaupunki"] == "municipality"


def test_a_foreign_legal_suffix_does_not_swallow_a_list() -> None:
    text = "Partner är LTU Business AB och Lapin ammattikorkeakoulu Oy."
    names = {m.name for m in find_mentions(text)}
    assert "Lapin ammattikorkeakoulu Oy" in names
    assert not any(n.startswith("AB och") for n in names)


def test_right_quotes_on_both_sides_and_a_capitalised_setting_name_mid_sentence() -> None:
    text = (
        "Skellefteå kommun beviljas 3 000 000 kr för det treåriga projektet ”Tillväxtspår med "
        "Norrbotniabanan”. Det är målbilden som Regionalt forum arbetar för att nå."
    )
    names = {w.text.strip("”"): w.kind for w in work_names(text)}
    assert names["Tillväxtspår med Norrbotniabanan"] == "project"
    assert names["Regionalt forum"] == "arena"


def test_co_funders_named_before_their_role_and_a_clause_break_at_medan() -> None:
    text = (
        "Projekt – projektägare\n\n• Innovationsbron Västerbotten – Uminova Innovation\n\n"
        "Projektet Norrbotten Digital Twin genomförs tillsammans med Region Norrbotten, medan "
        "Science City Skellefteå driver ett eget projekt, och Innovationsbron Västerbotten har "
        "Region Västerbotten och Umeå kommun som medfinansiärer."
    )
    x = extract(text)
    funders = {o for o, p in related(x, R.FUNDS) if p == "Innovationsbron Västerbotten"}
    assert funders == {"Region Västerbotten", "Umeå kommun"}
    partners = {o for o, p in related(x, R.PARTNER_IN) if p == "Norrbotten Digital Twin"}
    assert partners == {"Region Norrbotten"}


def test_a_period_after_a_name_is_not_part_of_it() -> None:
    text = "Ordförande för Strukturfondspartnerskapet Övre Norrland 2021–2027 är Lena Forsberg."
    assert not any("2021" in w.text for w in work_names(text))


def test_a_granting_body_funds_the_projects_of_its_decision_list() -> None:
    text = (
        "Vid sammanträdet beviljade regionala utvecklingsnämnden vid Region Västerbotten "
        "sammanlagt 14 260 500 kronor till åtta projekt.\n\n"
        " 1. Swedish Lapland Visitors Board beviljas 3 120 000 kr för projektet Upplevelsecenter "
        "Västerbotten.\n"
        " 2. Skellefteå Museum AB beviljas 950 000 kr för förstudien Berättarcentrum Skellefteå.\n"
        " 3. Ansökan från Norsjö kommun om förstudien Skogsnäringens framtid avslogs.\n"
    )
    x = extract(text)
    funded = {p for o, p in related(x, R.FUNDS) if o == "Region Västerbotten"}
    assert funded == {"Upplevelsecenter Västerbotten", "Berättarcentrum Skellefteå"}
    leads = related(x, R.LEADS)
    assert ("Swedish Lapland Visitors Board", "Upplevelsecenter Västerbotten") in leads


def test_bullets_after_a_projects_lead_in_name_projects_with_dash_acronyms() -> None:
    text = (
        "Nämnden har också fattat beslut om mindre stöd till tre EU-projekt:\n\n"
        "• Nordic Smart Energy Simulation Group – NOSEG, som ska bli en plattform.\n"
        "• Förstärkt regional och lokal attraktion, både för investeringar och invånare.\n"
    )
    found = {w.text: (w.kind, w.acronym) for w in work_names(text)}
    assert found["Nordic Smart Energy Simulation Group"] == ("project", "NOSEG")
    assert not any(n.startswith("Förstärkt") for n in found)


def test_a_named_work_nearer_the_cue_wins_over_an_anaphor_in_another_clause() -> None:
    text = (
        "Ett exempel på vad partnerskapet har lett till är projektet AI för bättre vård i "
        "Västerbotten (AIVB), som Region Västerbotten äger och där Umeå universitet och "
        "Skellefteå kommun är partner; projektet medfinansieras av Vinnova."
    )
    x = extract(text)
    partners = {o for o, p in related(x, R.PARTNER_IN) if p == "AI för bättre vård i Västerbotten"}
    assert partners == {"Umeå universitet", "Skellefteå kommun"}


def test_a_name_in_parentheses_after_an_organisation_is_its_alias() -> None:
    text = (
        "Projektet leds av Lapplands yrkeshögskola (Lapin ammattikorkeakoulu) i Rovaniemi. "
        "Projektet heter Arctic Food Route."
    )
    orgs = [e for e in extract(text).entities if e.type is EntityType.ORGANISATION]
    assert [(e.name, sorted(e.aliases)) for e in orgs] == [
        ("Lapplands yrkeshögskola", ["Lapin ammattikorkeakoulu"])
    ]
