"""Web navigation lines (breadcrumbs, share and follow buttons) are dropped as whole lines.

Excerpts are copied from bench/gold/dev2 web pages (a network page and a project page of
Västerbotten); the organisations in them must survive, the navigation must not.
"""

from __future__ import annotations

import pytest

from loaders.mentions import find_mentions
from loaders.read import read_bytes

# bench/gold/dev2/vasterbotten-natverkssida-fjallturism.txt (head, one paragraph, foot).
NETWORK_PAGE = (
    "Region Västerbotten\n"
    "\n"
    "Start > Regional utveckling > Besöksnäring > Fjällrådet Västerbotten\n"
    "\n"
    "Fjällrådet Västerbotten\n"
    "\n"
    "Rådet samverkar med Jämtland Härjedalen Turism och med motsvarande nätverk i "
    "Norrbotten, Turistrådet Swedish Lapland, i frågor om marknadsföring och gemensam "
    "statistik.\n"
    "\n"
    "Dela sidan: Facebook | LinkedIn | E-post\n"
)
# bench/gold/dev2/vasterbotten-projektsida-servicepunkt-inland.txt (head, one paragraph, foot).
PROJECT_PAGE = (
    "Hoppa till huvudinnehåll\n"
    "Meny Sök Lyssna Kontakt In English\n"
    "Start / Näringsliv och utveckling / Landsbygd och service / Projekt\n"
    "\n"
    "Servicepunkt Inland – service där människor bor\n"
    "\n"
    "Dela sidan\n"
    "Facebook LinkedIn E-post Skriv ut\n"
    "\n"
    "Lycksele kommun är projektägare och ansvarar för projektledningen.\n"
    "\n"
    "Senast uppdaterad: 14 oktober 2025\n"
    "\n"
    "Dela sidan\n"
    "Facebook LinkedIn E-post\n"
    "\n"
    "Om webbplatsen | Tillgänglighetsredogörelse | Behandling av personuppgifter | Kakor\n"
    "Följ oss: Facebook Instagram LinkedIn\n"
)


def _lines(text: str) -> list[str]:
    return [line for line in read_bytes(text.encode(), "page.txt").text.splitlines() if line]


def _org_names(text: str) -> set[str]:
    source = read_bytes(text.encode(), "page.txt")
    return {m.name for m in find_mentions(source.text) if m.org_type != "place"}


def test_breadcrumb_and_share_lines_are_dropped_from_the_network_page() -> None:
    assert _lines(NETWORK_PAGE) == [
        "Region Västerbotten",
        "Fjällrådet Västerbotten",
        NETWORK_PAGE.split("\n\n")[3],
    ]


def test_slash_breadcrumb_share_and_follow_lines_are_dropped_from_the_project_page() -> None:
    assert _lines(PROJECT_PAGE) == [
        "Servicepunkt Inland – service där människor bor",
        "Lycksele kommun är projektägare och ansvarar för projektledningen.",
    ]


def test_navigation_gives_no_start_or_facebook_organisation() -> None:
    names = _org_names(NETWORK_PAGE) | _org_names(PROJECT_PAGE)
    assert not names & {"Start", "Facebook", "LinkedIn"}
    assert {"Region Västerbotten", "Lycksele kommun", "Jämtland Härjedalen Turism"} <= names


def test_dropped_lines_stay_in_the_original_and_offsets_still_point_into_it() -> None:
    source = read_bytes(NETWORK_PAGE.encode(), "page.txt")
    assert "Start > Regional utveckling" in source.original
    assert any("stripped 2 navigation lines" in note for note in source.notes)
    at = source.text.index("Jämtland Härjedalen Turism")
    start, end = source.span(at, at + len("Jämtland Härjedalen Turism"))
    assert source.original[start:end] == "Jämtland Härjedalen Turism"


@pytest.mark.parametrize(
    "line",
    [
        "Umeå universitet / SLU / RISE",  # a slash list of bodies, not from the home page
        "Regional utveckling > Besöksnäring",  # two segments only
        "Start > Mål > Delmål 1.2 > Resultat",  # sentence punctuation inside
        "Facebook är en av kanalerna vi använder för att nå företagen.",
        "E-post: fornamn.efternamn@regionvasterbotten.se",
    ],
)
def test_lines_that_only_resemble_navigation_are_kept(line: str) -> None:
    assert line in _lines(f"Rubrik\n{line}\nSista raden.\n")
