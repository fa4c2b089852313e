"""Arena and project names in running text and list headings (real corpus excerpts)."""

from __future__ import annotations

from loaders.doc import Item, Line
from loaders.pipeline import extract_text_extraction
from loaders.works import heading_names_work, item_kind, name_at, title_aliases, work_names
from ontology.model import EntityType


def _names(text: str) -> dict[str, str]:
    return {w.text: w.kind for w in work_names(text)}


def _item(kind: str, title: str, body: str = "") -> Item:
    lines = [Line(len(title) + 2, len(title) + 2 + len(body), body, False)] if body else []
    return Item(kind, Line(0, len(title), title, True), lines)


def test_compound_and_hyphenated_cue_words() -> None:
    text = (
        "Region Västerbotten avslutar samverkansprojektet Stärkt samverkan för mänskliga "
        "rättigheter i Västerbotten. Syftet med projektet, som genomförts. Vi deltog i "
        "Horizont-projektet Giving Rural Actors Novel Data and Re-Usable Tools to Lead Public "
        "Action in Rural Areas (GRANULAR) som samordnare. Malå har inom ramen för "
        "Tillväxtverkets satsning Kommuner för serviceutveckling bedrivit lokala projekt."
    )
    names = _names(text)
    assert names["Stärkt samverkan för mänskliga rättigheter i Västerbotten"] == "project"
    granular = (
        "Giving Rural Actors Novel Data and Re-Usable Tools to Lead Public Action in Rural "
        "Areas (GRANULAR)"
    )
    assert names[granular] == "project"
    assert names["Kommuner för serviceutveckling"] == "project"


def test_name_stops_at_verbs_and_acronyms_do_not_run_on() -> None:
    assert name_at("RIO koncentreras kring att utveckla", 0) == "RIO"
    assert name_at("Bothnia green energy som syftar till att bygga", 0) == "Bothnia green energy"
    assert name_at("Ökat småhusbyggande samarbetar sju av länets kommuner", 0) == (
        "Ökat småhusbyggande"
    )
    assert name_at("Resilify och POLIMON nämnas", 0) == "Resilify"
    assert name_at("FREIA:s aktiviteter", 0) == "FREIA"
    assert name_at("R10 - vinnare i den gröna omställningen, har som syfte", 0) == (
        "R10 - vinnare i den gröna omställningen"
    )


def test_acronym_in_parentheses_extends_a_sentence_case_name() -> None:
    text = "Digital omställning Västerbottens industrier (DOVI) vänder sig till hela länet"
    assert name_at(text, 0) == "Digital omställning Västerbottens industrier (DOVI)"


def test_quoted_titles_and_definite_cues() -> None:
    text = (
        'Forskningsprogrammet "Det nya framtidslandet?" som drivs av CERUM. '
        "Det andra projektet är Regional strategisk utveckling av livsmedelsbranschen i "
        "Västerbotten, vilket har. Det området som beviljats minst antal nya projekt är "
        "RUS-prioritering 5, Västerbotten."
    )
    names = _names(text)
    assert '"Det nya framtidslandet?"' in names
    assert "Regional strategisk utveckling av livsmedelsbranschen i Västerbotten" in names
    assert not any(n.startswith("RUS") for n in names)


def test_defining_clause_names_project_or_arena() -> None:
    text = (
        "CEI Boost är ett EU-finansierat projekt som syftar till att främja. "
        "Deep Tech Reg (DTR) är ett projekt som syftar till att stärka. "
        "Change the game är en mötesplats för alla som vill bidra. "
        "Delegationen är ett strategiskt forum som ska stärka. "
        "Nätverket, som administreras av BioFuel Region, är en plattform för samverkan."
    )
    names = {w.text: (w.kind, w.acronym) for w in work_names(text)}
    assert names["CEI Boost"] == ("project", None)
    assert names["Deep Tech Reg"] == ("project", "DTR")
    assert names["Change the game"] == ("arena", None)
    assert "Delegationen" not in names and not any("BioFuel" in n for n in names)


def test_lists_of_projects_and_meeting_compounds() -> None:
    text = (
        "Genom att samla projekt som Attrahera Flera, Move up North, Train to Västerbotten och "
        "Welcome House, bidrog workshopen. Ett rundabordsamtal i samband med Mötesplats "
        "Lycksele och det årligen återkommande Novembermötet som fokuserar på energi. "
        "Arbetet sker tillsammans med 8 andra regioner inom det så kallade SUSSA-samarbetet."
    )
    names = _names(text)
    for project in ("Attrahera Flera", "Move up North", "Train to Västerbotten", "Welcome House"):
        assert names[project] == "project"
    for arena in ("Mötesplats Lycksele", "Novembermötet", "SUSSA-samarbetet"):
        assert names[arena] == "arena"


def test_heading_line_after_cue_and_heading_acronym_definition() -> None:
    text = (
        "Forskningsprojekt IFO i glesbygd\n\nDet fleråriga forskningsprojektet har avslutats.\n\n"
        "Innovationsekosystem i Omställning i Västerbotten (iiOV)\n\nOmfattar en förstudie."
    )
    names = {w.text: w.acronym for w in work_names(text)}
    assert "IFO i glesbygd" in names
    assert names["Innovationsekosystem i Omställning i Västerbotten (iiOV)"] == "iiOV"


def test_list_headings_name_or_describe() -> None:
    assert heading_names_work("Youth up North")
    assert heading_names_work("Dansresidenset Jårh i Tärnaby")
    assert heading_names_work("DIGIT-PRE")
    assert not heading_names_work("Utveckling av Norrtåg")
    assert not heading_names_work("Hälsoundersökningar i LSS-boenden")
    assert not heading_names_work("Forskning om AI")


def test_item_kind_uses_heading_body_and_arena_words() -> None:
    move = _item("project", "Move up North", "Projektet genomförs av tio kommuner.")
    assert item_kind(move) == "project"
    optik = _item(
        "project", "Konkurrenskraft genom Optisk Mätteknik", "Projektet ska verka för att höja."
    )
    assert item_kind(optik) == "project"
    focus = _item("project", "Fokus i projekt", "Projektet Digitala Västerbotten i samverkan.")
    assert item_kind(focus) is None
    iva = _item(
        "project",
        "Tidig mobilisering på IVA",
        "För konkreta resultat. Tidig mobilisering på IVA har utvecklat ett arbetssätt.",
    )
    assert item_kind(iva) == "project"
    kock = _item("project", "Västerbottens kocknätverk", "Länsstyrelsen driver ett nätverk.")
    assert item_kind(kock) == "arena"
    assert item_kind(_item("project", "Gemensam plattform", "Upprätthållande av.")) is None
    assert item_kind(_item("arena", "Samverkan inom socialtjänstens område")) is None
    assert item_kind(_item("arena", "Samverkan med Umeå universitet")) == "arena"


def test_title_aliases() -> None:
    assert "Länssamverkansgruppen" in title_aliases(
        "Länssamverkansgruppen – samverkan mellan tjänstepersoner"
    )
    assert "Professionella Unga Artister" in title_aliases("PUA Professionella Unga Artister")
    assert "Nätverket för Hälsofrämjande Hälso - och sjukvård" in title_aliases(
        "Nätverket för Hälsofrämjande Hälso - och sjukvård, HFS"
    )


def test_pipeline_types_projects_found_in_text() -> None:
    text = (
        "Ett urval av insatser\n\nMove up North\n\nProjektet genomförs av tio kommuner i norra "
        "Sverige.\n\nDärtill deltar Region Västerbotten i projektet Resilify med Åsele som "
        "utgångspunkt och i samarbetet Botniska korridoren."
    )
    ext = extract_text_extraction(text, "excerpt")
    by_name = {e.name: e.type for e in ext.entities}
    assert by_name["Move up North"] is EntityType.PROJECT
    assert by_name["Resilify"] is EntityType.PROJECT
    assert by_name["Botniska korridoren"] is EntityType.ARENA


def test_named_head_with_purpose_in_running_text() -> None:
    text = (
        "Nätverket för kulturarvsfrågor samlar länets museer. Region Västerbotten har tre "
        "parallella nätverk för näringslivsfrågor.\n\nNätverk för näringslivsfrågor\n"
    )
    names = _names(text)
    assert names["Nätverket för kulturarvsfrågor"] == "arena"
    assert "Nätverk för näringslivsfrågor" not in names


def test_goal_heading_is_not_a_project() -> None:
    assert (
        item_kind(_item("project", "Mål 8: Anständiga arbetsvillkor och ekonomisk tillväxt"))
        is None
    )


def test_capitalised_setting_compounds_mid_sentence() -> None:
    text = (
        "Tillsammans med Norge och Finland arbetar vi inom Nordkalottrådet. Kommunerna möts i "
        "Kommunchefsnätverket. Projektet omfattar Biosfärområdet Vindelälven. Samverkan sker "
        "i Branschforum buss i vilket Arbetsförmedlingen deltar. På årliga Novembermötet "
        "inkluderades särskilt pass."
    )
    names = _names(text)
    assert names["Nordkalottrådet"] == "arena" and names["Kommunchefsnätverket"] == "arena"
    assert names["Branschforum buss"] == "arena" and "Novembermötet" in names
    assert not any(n.startswith("Biosfär") for n in names)
