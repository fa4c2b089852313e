"""Places and themes of arenas and projects found in running text; homes of organisations.

Excerpts are real passages of data/corpus (vasterbotten-resultat-2024,
norrbotten-north-sweden-green-deal), shortened.
"""

from __future__ import annotations

import pytest

from loaders.geography import grouping_hits, home_in_name, place_hits
from loaders.mentions import find_mentions
from loaders.pipeline import extract_text_extraction
from ontology.model import Extraction, OrgType, RelationType
from ontology.reference import municipalities

VB = "Västerbottens län"
REGION10 = {m.id for m in municipalities() if m.region10_member}
VB_INLAND = {m.id for m in municipalities() if m.county == VB and m.inland}

ENERGY = (
    "Region Västerbottens bidrag\n\n"
    "Energi\n\n"
    "Region Västerbotten arbetar med energiomställningen i länet.\n\n"
    "Deltagande i energiprojekt\n\n"
    "Region Västerbotten deltar även i ett flertal projekt som möjliggör att stärka "
    "Västerbottens utveckling inom energiområdet. Genom dessa undersöks till exempel "
    "energilagringens möjligheter i Västerbottens glesbygd med Åsele och kommunsamarbetet "
    "Region 10 som utgångspunkt i projektet Resilify. Förutsättningarna för att utveckla "
    "flexibla elnät som en delösning för att tillgängliggöra mer kapacitet i näten undersöks "
    "utifrån Åsele kommuns situation i förstudien POLIMON, och förhoppningen är att det ska "
    "utmynna i ett fullskaligt projekt där Region Västerbotten är en naturlig part. Det gör "
    "även projektet Bothnia green energy som syftar till att bygga samverkan mellan norra "
    "Sverige och Finland rörande energilösningar, där Region Västerbotten deltar i "
    "styrgruppen. Marskonferensen är ett samverkansprojekt mellan Umeå universitet och "
    "Region Västerbotten.\n"
)


@pytest.fixture(scope="module")
def energy() -> Extraction:
    return extract_text_extraction(ENERGY, "energi-excerpt")


def _targets(x: Extraction, source: str) -> set[str]:
    return {
        r.target for r in x.relations if r.type is RelationType.TARGETS_PLACE and r.source == source
    }


def _themes(x: Extraction, source: str) -> set[str]:
    return {
        r.target for r in x.relations if r.type is RelationType.HAS_THEME and r.source == source
    }


def test_a_project_targets_the_places_and_groupings_of_its_sentence(energy: Extraction) -> None:
    assert _targets(energy, "project:resilify") == {"municipality:asele"} | REGION10
    # "Åsele kommuns situation": the genitive municipality is a place.
    assert _targets(energy, "project:polimon") == {"municipality:asele"}
    # a sentence that names no place gives none
    assert not _targets(energy, "project:bothnia-green-energy")


def test_places_carry_the_sentence_as_evidence(energy: Extraction) -> None:
    rel = next(
        r
        for r in energy.relations
        if r.type is RelationType.TARGETS_PLACE
        and r.source == "project:polimon"
        and r.target == "municipality:asele"
    )
    ev = next(e for e in rel.evidence if "POLIMON" in e.quote)
    assert ev.quote == ENERGY[ev.start : ev.end]
    assert ev.quote.startswith("Förutsättningarna") and ev.quote.endswith("naturlig part.")


def test_running_text_projects_get_the_theme_of_their_sub_heading(energy: Extraction) -> None:
    for project in ("project:resilify", "project:polimon", "project:bothnia-green-energy"):
        assert "theme:energi" in _themes(energy, project)


def test_an_organisation_named_after_a_municipality_is_located_there(energy: Extraction) -> None:
    located = {(r.source, r.target) for r in energy.relations if r.type is RelationType.LOCATED_IN}
    assert ("org:umea-universitet", "municipality:umea") in located
    # a region is county-level: never located in a municipality
    assert not any(s == "org:region-vasterbotten" for s, _ in located)


@pytest.mark.parametrize(
    ("name", "org_type", "home"),
    [
        ("Umeå universitet", OrgType.UNIVERSITY.value, "Umeå"),
        ("Luleå tekniska universitet", OrgType.UNIVERSITY.value, "Luleå"),
        ("Visit Umeå", OrgType.OTHER.value, "Umeå"),
        ("Skellefteå Kraft", OrgType.COMPANY.value, "Skellefteå"),
        ("Region Västerbotten", OrgType.REGION.value, None),
        ("Länsstyrelsen Norrbotten", OrgType.COUNTY_BOARD.value, None),
        ("Åsele kommun", OrgType.MUNICIPALITY.value, None),
    ],
)
def test_home_in_name(name: str, org_type: str, home: str | None) -> None:
    rec = home_in_name(name, org_type)
    assert (rec.name if rec else None) == home


def test_groupings_expand_to_members() -> None:
    text = (
        "Ett särskilt fokus ligger vid Region 10 (bestående av åtta inlandskommuner i "
        "Västerbotten samt Arjeplog och Arvidsjaur i Norrbotten), men inkluderar alla "
        "Västerbottens kommuner."
    )
    hits = {text[h.start : h.end]: set(h.place_ids) for h in grouping_hits(text, 0, len(text), VB)}
    assert hits["Region 10"] == REGION10
    assert hits["inlandskommuner"] == VB_INLAND
    assert hits["alla Västerbottens kommuner"] == {m.id for m in municipalities() if m.county == VB}


def test_coast_and_partitive_groupings() -> None:
    text = (
        "I kustkommunerna byggs näten ut på prognoser. I projektet Ökat småhusbyggande "
        "samarbetar sju av länets kommuner om fysisk planering."
    )
    hits = grouping_hits(text, 0, len(text), VB)
    assert [text[h.start : h.end] for h in hits] == ["kustkommunerna"]
    assert set(hits[0].place_ids) == {m.id for m in municipalities() if m.county == VB and m.coast}
    assert grouping_hits(text, 0, len(text), None) == []  # no county, no expansion


def test_place_hits_are_places_not_actors() -> None:
    text = (
        "Möjligheten har diskuterats vid ett möte med myndigheter i Åsele. Det undersöks "
        "utifrån Åsele kommuns situation. Projektet drivs av Åsele kommun."
    )
    mentions = find_mentions(text, VB)
    hits = [(text[h.start : h.end], h.place_ids) for h in place_hits(text, mentions, VB, [])]
    assert hits == [("Åsele", ("municipality:asele",)), ("Åsele kommuns", ("municipality:asele",))]


def test_places_go_to_the_nearest_work_and_those_listed_with_it() -> None:
    text = (
        "Region Västerbotten deltar i projektet Resilify. Region Västerbotten deltar i "
        "förstudien POLIMON. Region Västerbotten deltar i projektet HOME.\n\n"
        "Som exempel kan projekten Resilify och POLIMON nämnas, som båda har Åsele som "
        "utgångspunkt, medan projektet HOME rör Skellefteå.\n"
    )
    x = extract_text_extraction(text, "nearest")
    assert _targets(x, "project:resilify") == {"municipality:asele"}
    assert _targets(x, "project:polimon") == {"municipality:asele"}
    assert _targets(x, "project:home") == {"municipality:skelleftea"}


PAGE = (
    "North Sweden Green Deal\n\n"
    "Projektet North Sweden Green Deal ska skapa engagemang och pröva nya vägar för att "
    "bygga framtidens hållbara Norrbotten.\n\n"
    "Det drivs av Region Norrbotten och Region Västerbotten.\n\n"
    "Samtliga 14 kommuner erbjuds att ta del av kunskaper, erfarenheter och idéer.\n\n"
    "Kompetensförsörjning\n\n"
    "I detta arbetspaket utforskas nya modeller för utbildning och validering.\n\n"
    "Energi\n\n"
    "Arbetspaketet ska bygga kapacitet för att nyttja länets energisystem optimalt.\n"
)


def test_a_page_about_one_project_gives_it_its_headings_and_places() -> None:
    x = extract_text_extraction(PAGE, "nsgd")
    pid = "project:north-sweden-green-deal"
    assert {"theme:energi", "theme:kompetensforsorjning"} <= _themes(x, pid)
    norrbotten = {m.id for m in municipalities() if m.county == "Norrbottens län"}
    assert _targets(x, pid) == norrbotten


def test_a_grouping_outside_the_works_clause_is_not_its_place() -> None:
    text = (
        "Region Västerbotten arbetar med livsmedelsfrågor. Detta inkluderar nära samarbeten "
        "med länets kommuner, särskilt genom projekt som Stärkt livsmedelsnäring i "
        "Västerbotten, där fokus ligger på de kommuner som ingår i projektet. I projektet "
        "Digitala Västerbotten i omställning (DVIS) deltar alla femton kommuner i länet.\n"
    )
    x = extract_text_extraction(text, "clause")
    works = {e.name: e.id for e in x.entities}
    assert not _targets(x, works["Stärkt livsmedelsnäring i Västerbotten"])
    assert _targets(x, works["Digitala Västerbotten i omställning"]) == {
        m.id for m in municipalities() if m.county == VB
    }


def test_a_place_inside_an_uncaught_organisation_name_is_not_a_target() -> None:
    text = (
        'Region Västerbotten följer forskningen. Forskningsprogrammet "Det nya '
        'framtidslandet?" som drivs av CERUM vid Umeå Universitet fokuserar på norra '
        "Sveriges industrialisering.\n"
    )
    x = extract_text_extraction(text, "cerum")
    projects = [e.id for e in x.entities if e.type.value == "Project"]
    assert projects
    assert all("municipality:umea" not in _targets(x, p) for p in projects)
