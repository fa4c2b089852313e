"""Project records outside lists ("Titel" over "Projektägare: …"), a catalogue's blanket
grant, markdown sections named after a setting, definitions with a genitive ("är regionens
rådgivande forum") and markdown links (shapes first seen in the blind dev10 set)."""

from __future__ import annotations

from pathlib import Path

from extracttools import extract, related, works

from loaders.clean import clean_text
from loaders.pipeline import ExtractOptions
from loaders.pipeline import extract as extract_files
from loaders.read import read_bytes
from ontology.model import EntityType, RelationType

CATALOGUE = """Projekt med regionalt utvecklingsstöd 2025

Inledning

Region Västerbotten fördelar varje år medel för regionalt tillväxtarbete. Samtliga
projekt nedan har beviljats regionalt utvecklingsstöd av Region Västerbotten.


Kompetenslyft skogsindustri Västerbotten

Projektägare: Skellefteå kommun
Medfinansiärer: Norsjö kommun, Malå kommun
Beviljat belopp: 2 400 000 kr

Projektet tar fram korta utbildningar för anställda i sågverk.


Hållbara fjälldestinationer i Södra
Lappland

Projektägare: Hushållningssällskapet Norrbotten-
Västerbotten
Medfinansiärer: Vilhelmina kommun, Sorsele kommun
Beviljat belopp: 3 150 000 kr

Syftet är att förlänga säsongen i fjällområdet.
"""


def test_records_are_projects_with_owner_and_cofunders() -> None:
    x = extract(CATALOGUE)
    assert works(x) == {
        "Kompetenslyft skogsindustri Västerbotten": EntityType.PROJECT,
        "Hållbara fjälldestinationer i Södra Lappland": EntityType.PROJECT,
    }
    leads = related(x, RelationType.LEADS)
    assert ("Skellefteå kommun", "Kompetenslyft skogsindustri Västerbotten") in leads
    owner = "Hushållningssällskapet Norrbotten-Västerbotten"
    assert (owner, "Hållbara fjälldestinationer i Södra Lappland") in leads
    funds = related(x, RelationType.FUNDS)
    assert ("Norsjö kommun", "Kompetenslyft skogsindustri Västerbotten") in funds
    assert ("Sorsele kommun", "Hållbara fjälldestinationer i Södra Lappland") in funds


def test_blanket_grant_funds_every_project_below() -> None:
    funds = related(extract(CATALOGUE), RelationType.FUNDS)
    assert ("Region Västerbotten", "Kompetenslyft skogsindustri Västerbotten") in funds
    assert ("Region Västerbotten", "Hållbara fjälldestinationer i Södra Lappland") in funds


def test_a_decision_heading_over_a_field_is_no_project() -> None:
    text = "§ 12 Ansökan om medfinansiering\n\nSökande: Företagarna Dorotea\n\nBeslut fattas.\n"
    assert not works(extract(text))


def test_name_hyphen_joins_wrapped_double_name() -> None:
    assert clean_text("Ägare: Region Norrbotten-\nVästerbotten\n").text.startswith(
        "Ägare: Region Norrbotten-Västerbotten"
    )


SECTIONS = """# Samverkan och nätverk

## Folkhälsonätverket Norrbotten

I Folkhälsonätverket Norrbotten träffas Länsstyrelsen Norrbotten och RF-SISU Norrbotten.

## Tidigare nätverk

Nätverket avslutades 2023.

## Partnerskap Norrbotten

Partnerskap Norrbotten är regionens rådgivande forum för EU:s sammanhållningspolitik.
"""


def test_sections_named_after_their_setting() -> None:
    found = works(extract(SECTIONS))
    assert found.get("Folkhälsonätverket Norrbotten") is EntityType.ARENA
    assert found.get("Partnerskap Norrbotten") is EntityType.ARENA
    assert "Tidigare nätverk" not in found


def test_markdown_links_read_as_their_text(tmp_path: Path) -> None:
    page = (
        "# Nätverk\n\n[Start](/) > [Regional utveckling](/ru) > Nätverk\n\n"
        "Kommunchefsforum Norrbotten är en mötesplats för kommundirektörerna. Forumet "
        "sammankallas av Region Norrbotten.\n\n[Läs mer om Kommunchefsforum Norrbotten](/kf)\n"
    )
    source = read_bytes(page.encode(), "sida.txt")
    assert "](" not in source.text and "Regional utveckling" not in source.text
    # A link line that only calls to action is read as what it is, web furniture.
    assert "Läs mer" not in source.text and "Kommunchefsforum Norrbotten är" in source.text
    path = tmp_path / "sida.txt"
    path.write_text(page, encoding="utf-8")
    x = extract_files([path], ExtractOptions(workers=1, apply_curation=False)).extraction
    names = {e.name for e in x.entities if e.type is EntityType.ARENA}
    assert names == {"Kommunchefsforum Norrbotten"}


def test_role_noted_in_a_partner_list_keeps_the_list_together() -> None:
    text = (
        "# Arctic Youth Voices\n\n## Om projektet\n\nArctic Youth Voices är ett treårigt "
        "Interreg Aurora-projekt.\n\n## Partners\n\n- Haparanda stad (projektägare)\n"
        "- Tornion kaupunki\n- Luleå tekniska universitet\n"
    )
    x = extract(text)
    assert related(x, RelationType.LEADS) == {("Haparanda kommun", "Arctic Youth Voices")}
    assert related(x, RelationType.PARTNER_IN) == {
        ("Tornion kaupunki", "Arctic Youth Voices"),
        ("Luleå tekniska universitet", "Arctic Youth Voices"),
    }
