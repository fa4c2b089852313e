"""A RUS chapter whose strategic areas come first and carry their own lists (arenas,
"Ett urval av insatser i länet", Agenda 2030 goals), under running headers with page
numbers (shape first seen in the blind dev10 set)."""

from __future__ import annotations

from extracttools import extract

from loaders.clean import clean_text
from loaders.pipeline import extract_text_extraction
from ontology.model import EntityType, RelationType

HEADER = "Region Jämtland Härjedalen | Uppföljning av regional utvecklingsstrategi 2024 | sid {}"


def _chapter() -> str:
    parts = [HEADER.format(31), "Jämtland Härjedalen – en hållbar och tillgänglig region"]
    parts.append(
        "Prioriteringen samlar arbetet med energi, transporter och bredband. Inom Region "
        "Jämtland Härjedalen hanteras frågorna av enheten för samhällsbyggnad."
    )
    for area, arena, project, goals in (
        ("Energi och klimat", "Energirådet Jämtland", "Grön vätgas i Storsjöbygden", (7, 13)),
        ("Transporter och tillgänglighet", "Stråkgruppen E14", "Förstudie Meråkerbanen", (9, 11)),
        ("Digital infrastruktur", "Bredbandsforum Jämtland", "Fjällfiber Härjedalen", (9, 10)),
    ):
        parts += [area, f"Arbetet inom {area.lower()} har fortsatt under året."]
        parts += ["Fasta samverkansytor", arena, "Forumet samlar kommunerna och regionen."]
        parts += ["Ett urval av insatser i länet", project]
        parts += ["Projektet drivs av Härjedalens kommun."]
        parts += ["Aktuella Agenda 2030-mål inom området"]
        parts += [f"Mål {g}: Ett mål\nArbetet bidrar till målet." for g in goals]
        parts.append(HEADER.format(32))
    return "\n\n".join(parts) + "\n"


def test_areas_above_their_lists_get_their_own_goals() -> None:
    x = extract(_chapter())
    names = {e.id: e.name for e in x.entities}
    areas = {e.name for e in x.entities if e.type is EntityType.STRATEGIC_AREA}
    assert areas == {"Energi och klimat", "Transporter och tillgänglighet", "Digital infrastruktur"}
    goals = {
        (names[r.source], r.target.split(":")[-1])
        for r in x.relations
        if r.type is RelationType.CONTRIBUTES_TO and names[r.source] in areas
    }
    assert ("Digital infrastruktur", "10") in goals or ("Digital infrastruktur", "sdg-10") in goals
    priorities = {e.name for e in x.entities if e.type is EntityType.PRIORITY}
    assert priorities == {"Jämtland Härjedalen – en hållbar och tillgänglig region"}


def test_running_header_with_page_marker_is_furniture() -> None:
    assert "| sid" not in clean_text(_chapter()).text
    assert "Sida 4 av 12" not in clean_text("Text.\n\nSida 4 av 12\n\nMer text.\n").text


def test_strategy_named_in_words_is_found() -> None:
    x = extract_text_extraction(_chapter(), "jamtland-rus-uppfoljning-2024")
    strategies = [e for e in x.entities if e.type is EntityType.STRATEGY]
    assert [s.name for s in strategies] == ["RUS Jämtland Härjedalen"]
