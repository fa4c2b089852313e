"""Outline recovery on real excerpts: arena lists (with the heading typo) and SDG lists."""

from __future__ import annotations

from pathlib import Path

from loaders.clean import clean_text
from loaders.structure import is_heading, outline

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"


def _outline(name: str):  # type: ignore[no-untyped-def]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return outline(clean_text(text).text, "strategy:rus-vasterbotten")


def test_headings_are_short_lines_without_final_period() -> None:
    assert is_heading("Fasta samverkansytor")
    assert is_heading("Digital Impact North (DIN)")
    assert not is_heading("Region Västerbotten sammankallar och leder rådets arbete.")
    assert not is_heading("- Föregångare i omställning")


def test_typo_heading_starts_arena_list() -> None:
    out = _outline("samverkan_excerpt.txt")
    arenas = [i for i in out.items if i.kind == "arena"]
    titles = [i.title.text for i in arenas]
    # "Fast samverkansytter" (typo) opens the first list; "Fasta samverkansytor" the others.
    assert titles[0] == "Strategirådet för kommunernas samverkan inom digitaliseringsområdet"
    assert "Digital Impact North (DIN)" in titles
    assert "Innovationspartnerskap Umeå" in titles
    din = next(i for i in arenas if i.title.text.startswith("Digital Impact North"))
    assert "initiativtagare" in din.description
    assert din.section_path[0].startswith("Västerbotten – En nytänkande")
    assert din.section_path[1] == "Samverkan"


def test_strategic_area_headings_are_not_arenas() -> None:
    out = _outline("samverkan_excerpt.txt")
    titles = {i.title.text for i in out.items}
    assert "Innovationsledning" not in titles
    assert "Digitalisering" not in titles


def test_sdg_list_links_every_goal_line_to_its_area() -> None:
    out = _outline("agenda2030_excerpt.txt")
    text = (FIXTURES / "agenda2030_excerpt.txt").read_text(encoding="utf-8")
    goal_lines = [ln for ln in text.splitlines() if ln.startswith("Mål ")]
    sdg = [i for i in out.items if i.kind == "sdg"]
    assert len(sdg) == len(goal_lines)
    areas = {out.areas[i.area_key].name for i in sdg if i.area_key}
    assert areas == {"Digitalisering", "Innovationsledning", "Smart specialisering"}
    # The page-broken title is repaired.
    assert any(i.title.text.endswith("infrastruktur") for i in sdg)


def test_any_urval_av_insatser_header_opens_a_project_list() -> None:
    text = (
        "Projektfinansiering\n\nSammanlagt pågår 140 projekt.\n\nEtt urval av insatser\n\n"
        "Move up North\n\nProjektet genomförs av tio kommuner i norra Sverige.\n\n"
        "Ett urval av insatser som varit särskilt aktuella under året\n\n"
        "Kommuner för serviceutveckling\n\nMalå, Norsjö och Sorsele har under två år.\n"
    )
    out = outline(clean_text(text).text, "strategy:rus-vasterbotten")
    titles = [i.title.text for i in out.items if i.kind == "project"]
    assert titles == ["Move up North", "Kommuner för serviceutveckling"]
