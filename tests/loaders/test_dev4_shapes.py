"""PDF-shaped reports (bench/gold/dev4): hard-wrapped paragraphs, running footers, numbered
headings, space-aligned tables and bullet lists of arenas. Excerpts from those texts run
through the real cleaner, outline, rule functions and pipeline."""

from __future__ import annotations

from extracttools import extract, related

from loaders.clean import clean_text
from loaders.structure import outline
from loaders.tables import table_rows
from loaders.works import name_at, work_names
from ontology.model import EntityType, RelationType

R = RelationType

WRAPPED = (
    "Digitaliseringen är en förutsättning för att offentlig service och näringsliv ska\n"
    "fungera i hela länet. Region Västerbotten samordnar arbetet genom Digitala\n"
    "Västerbotten, ett samarbete mellan regionen och länets femton kommuner.\n"
    "\n"
    "Resultat och uppföljning 2024 – Regional utvecklingsstrategi för Västerbottens län     4\n"
    "\n"
    "Region Västerbotten deltar även i Regionalt innovationspartnerskap för norra Sverige\n"
    "(RIP) tillsammans med Region Norrbotten.\n"
)

TABLE = (
    "Tabell 3. Urval av beviljade projekt 2024\n\n"
    "Projekt                                   Projektägare                          Belopp (kr)\n"
    "Arctic Business Incubator – förstudie     Luleå kommun                           1 200 000\n"
    "Rymdklustret Norrbotten                   Kiruna kommun                          3 450 000\n"
)


def test_wrapped_lines_join_before_capitals_and_footers_are_dropped() -> None:
    clean = clean_text(WRAPPED, "d")
    assert "genom Digitala Västerbotten, ett samarbete" in clean.text
    assert "norra Sverige (RIP) tillsammans" in clean.text
    assert "Resultat och uppföljning 2024 –" not in clean.text
    start = clean.text.index("Digitala Västerbotten")
    s, e = clean.span(start, start + len("Digitala Västerbotten"))
    assert WRAPPED[s:e] == "Digitala\nVästerbotten"


def test_short_lines_and_table_rows_keep_their_breaks() -> None:
    text = "Maria Holmqvist\nLycksele kommun, samhällsbyggnad\n\n" + TABLE
    clean = clean_text(text, "d")
    assert "Maria Holmqvist\nLycksele kommun" in clean.text
    assert "Belopp (kr)\nArctic Business Incubator" in clean.text


def test_a_page_break_does_not_glue_a_chapter_heading_to_the_area_heading() -> None:
    text = (
        "Västerbotten – En region med hållbara livsmiljöer att bo, verka och leva i\n\n"
        "Kultur\n\nRegion Västerbottens kulturplan beskriver riktningen.\n"
    )
    assert "leva i\n\nKultur" in clean_text(text, "d").text


def test_space_aligned_table_keeps_a_dash_inside_its_cell() -> None:
    rows = table_rows(TABLE)
    assert [(r.name.text, [c.text for _, c in r.roles]) for r in rows] == [
        ("Arctic Business Incubator – förstudie", ["Luleå kommun"]),
        ("Rymdklustret Norrbotten", ["Kiruna kommun"]),
    ]
    x = extract(TABLE)
    assert ("Kiruna kommun", "Rymdklustret Norrbotten") in related(x, R.LEADS)
    assert not any(" Projektägare " in e.name for e in x.entities)


def test_numbered_arena_section_with_colon_bullets_closed_by_the_next_number() -> None:
    text = (
        "2.3 Övriga samverkansytor\n\n"
        "– Northern Sparsely Populated Areas (NSPA): nätverk för de glest befolkade "
        "regionerna.\n"
        "– Skogslänsgruppen: politisk samverkan där även Region Dalarna och Region Värmland "
        "ingår.\n\n"
        "2.4 Samverkan med statliga aktörer\n\n"
        "Regionerna för en löpande dialog med Trafikverket.\n"
    )
    out = outline(text, "strategy:x")
    assert [(i.kind, i.title.text) for i in out.items] == [
        ("arena", "Northern Sparsely Populated Areas (NSPA)"),
        ("arena", "Skogslänsgruppen"),
    ]
    x = extract(text)
    members = {o for o, a in related(x, R.MEMBER_OF) if a == "Skogslänsgruppen"}
    assert members == {"Region Dalarna", "Region Värmland"}


def test_setting_compounds_with_a_place_at_a_sentence_start() -> None:
    text = (
        "Innovationsnätverk Västerbotten samlar länets aktörer. Planeringsnätverket i "
        "Norrbotten träffas två gånger per år. Arbetsgruppen samlas i maj. Vi deltar i "
        "Kompetensrådet Västerbotten. Fjällområdet är stort."
    )
    names = {w.text for w in work_names(text) if w.kind == "arena"}
    assert {
        "Innovationsnätverk Västerbotten",
        "Planeringsnätverket i Norrbotten",
        "Kompetensrådet Västerbotten",
    } <= names
    assert not names & {"Arbetsgruppen", "Fjällområdet"}


def test_titles_with_places_och_and_hyphenated_words() -> None:
    assert name_at("Hållbar besöksnäring i Södra Lappland med 450 000", 0) == (
        "Hållbar besöksnäring i Södra Lappland"
    )
    assert name_at("Kultur och hälsa i Västerbotten samarbetar Region", 0) == (
        "Kultur och hälsa i Västerbotten"
    )
    assert name_at("Gemensam e-arkivlösning för Norrbotten, som", 0) == (
        "Gemensam e-arkivlösning för Norrbotten"
    )
    assert name_at("Testbädd för cirkulär skogsnäring genomförts av SLU", 0) == (
        "Testbädd för cirkulär skogsnäring"
    )


def test_a_year_after_a_project_noun_is_no_name() -> None:
    x = extract("Tabell 3. Urval av beviljade projekt 2024\n\nText.")
    assert not [e for e in x.entities if e.type is EntityType.PROJECT and e.name == "2024"]


def test_bullets_after_an_arena_lead_in_are_arenas_with_their_roles() -> None:
    text = (
        "Följande nätverk och samverkansytor har varit aktiva under 2024:\n\n"
        "• Näringslivschefsnätverket i Norrbotten, som samordnas av Norrbottens Kommuner och\n"
        "  samlar kommunernas näringslivschefer.\n"
        "• Kompetensplattform Norrbotten, en samverkansstruktur där Region Norrbotten är värd "
        "och där Arbetsförmedlingen och Akademi Norr ingår.\n"
    )
    kinds = {w.text: w.kind for w in work_names(clean_text(text, "d").text)}
    assert kinds["Näringslivschefsnätverket i Norrbotten"] == "arena"
    assert kinds["Kompetensplattform Norrbotten"] == "arena"
    x = extract(text)
    leads = related(x, R.LEADS)
    assert ("Norrbottens Kommuner", "Näringslivschefsnätverket i Norrbotten") in leads
    assert ("Region Norrbotten", "Kompetensplattform Norrbotten") in leads
    members = {o for o, a in related(x, R.MEMBER_OF) if a == "Kompetensplattform Norrbotten"}
    assert members == {"Arbetsförmedlingen", "Akademi Norr"}
