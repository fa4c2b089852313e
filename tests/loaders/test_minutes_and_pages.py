"""Minutes and news pages: a forum named in the title with its acronym; its roster under
"Närvarande ledamöter" (bodies, not the people after the dash); networks named at the start
of a bullet; "Samverkansgruppen X" with X as the short name; a bold name before its
apposition; a two-letter compound council ("elråd"); "the completed project X"; "arbetsnamnet X".
"""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType

MINUTES = """MINNESANTECKNINGAR

Forum för kompetensförsörjning i Norrbotten (FKN)
Möte 3/2025

Närvarande ledamöter
Region Norrbotten – Maria Nilsson (ordförande)
Luleå tekniska universitet – Sara Wikström
Bodens kommun – Karin Holmgren
Kiruna kommun – Tomas Lantto (via Teams)

5. Rapporter från andra nätverk
- Vägledarnätverket Norrbotten, som samordnas av Norrbottens Kommuner, har tagit fram ett material.

6. Planerad ansökan
Projektet, med arbetsnamnet Kompetenslots Norrbotten, är planerat för 2026–2028.
"""


def test_a_forum_in_the_title_and_its_roster() -> None:
    x = extract(MINUTES)
    forum = "Forum för kompetensförsörjning i Norrbotten"
    assert works(x).get(forum) is EntityType.ARENA
    members = {o for o, w in related(x, RelationType.MEMBER_OF) if w == forum}
    assert {"Region Norrbotten", "Bodens kommun", "Kiruna kommun"} <= members
    assert "Sara Wikström" not in orgs(x) | members


def test_a_network_at_the_start_of_a_bullet_and_a_working_name() -> None:
    x = extract(MINUTES)
    assert ("Norrbottens Kommuner", "Vägledarnätverket Norrbotten") in related(
        x, RelationType.LEADS
    )
    assert works(x).get("Kompetenslots Norrbotten") is EntityType.PROJECT


def test_page_shapes_of_settings_and_projects() -> None:
    text = (
        "Aktuellt\n\nRegion Västerbotten och Umeå kommun har beslutat att bilda "
        "**Botnia Hydrogen Valley**, ett regionalt vätgaspartnerskap för kusten.\n\n"
        "Strategin har tagits fram i dialog med länet. Samverkansgruppen Innovationsledning "
        "Västerbotten, där Region Västerbotten och Umeå universitet ingår, har varit "
        "referensgrupp.\n\nÖstersunds kommun och Jämtkraft AB bildar Industrins elråd "
        "Jämtland, en långsiktig samverkan.\n\nThe project builds on the completed project "
        "Taste of the Archipelago (2021–2023), which was led by Kalix kommun.\n"
    )
    x = extract(text)
    found = works(x)
    assert found.get("Botnia Hydrogen Valley") is EntityType.ARENA
    assert found.get("Industrins elråd Jämtland") is EntityType.ARENA
    assert found.get("Taste of the Archipelago") is EntityType.PROJECT
    group = next(e for e in x.entities if e.name.endswith("Innovationsledning Västerbotten"))
    assert "Innovationsledning Västerbotten" in {group.name, *group.aliases}
    assert ("Umeå universitet", group.name) in related(x, RelationType.MEMBER_OF)


def test_a_working_name_runs_to_its_comma() -> None:
    x = extract(
        "Kommunen har inlett samtal med Rana kommune om ett möjligt Interreg-projekt, med "
        "arbetsnamnet Gränsleder Blå vägen, om sammanhängande skoterleder.\n"
    )
    assert "Gränsleder Blå vägen" in works(x)


def test_where_a_recurring_day_met_is_not_its_name() -> None:
    x = extract(
        "Inlandsbanedagen i Östersund arrangerades för tredje gången. Inlandsbanedagen "
        "arrangeras av Inlandsbanan AB.\n"
    )
    assert "Inlandsbanedagen" in works(x)
    assert "Inlandsbanedagen i Östersund" not in works(x)


def test_a_contact_block_under_a_list_names_no_works() -> None:
    text = (
        "Besöksnäringsforum Norrbotten\n\nProjekt kopplade till forumet\n\nVinterljus Tornedalen\n"
        "Projektet utvecklar vinterturism. Projektägare: Haparanda stad.\n\nDokument\n"
        "- Lägesrapport besöksnäring 2025 (pdf)\n\nElin Rova\n"
        "Samordnare besöksnäring, Region Norrbotten elin.rova@norrbotten.se\n0920-00 00 00\n"
    )
    found = works(extract(text))
    assert "Vinterljus Tornedalen" in found
    assert not {"Elin Rova", "0920-00 00 00"} & set(found)
    assert not any("@" in name for name in found)


def test_an_event_anaphor_and_a_call_are_no_names() -> None:
    text = (
        "Varje år arrangerar Region Norrbotten Besöksnäringsdagarna i Norrbotten. Dagarna är "
        "länets största mötesplats för besöksnäringen.\n\n"
        "* Interreg Aurora: ansökningsomgången för delprogrammet Aurora öppnar i mars.\n"
    )
    found = works(extract(text))
    assert "Dagarna" not in found
    assert "Aurora öppnar i mars" not in found


def test_a_short_compound_network_dated_news_lines_and_a_subprogramme() -> None:
    text = (
        "Arbetspaket\n\nProjektet samverkar med Byanätverket Tornedalen, som samordnas av "
        "Hela Sverige ska leva Norrbotten.\n\n"
        "* Interreg Aurora: ansökningsomgången för delprogrammet Aurora öppnar i mars.\n\n"
        "Projekt i forumet\n\nVinterljus Tornedalen\nProjektet utvecklar vinterturism.\n\n"
        "2025-10-01 Digitalt informationsmöte om samåkning\n2025-09-15 Projektet har startat!\n"
    )
    x = extract(text)
    assert ("Hela Sverige ska leva Norrbotten", "Byanätverket Tornedalen") in related(
        x, RelationType.LEADS
    )
    assert "Aurora" not in works(x)
    assert not any(name.startswith("2025-") for name in works(x))


def test_a_body_before_an_event_name_is_cut_there() -> None:
    x = extract(
        "Varje år i oktober arrangerar Region Norrbotten och Swedish Lapland Visitors Board "
        "Besöksnäringsdagarna i Norrbotten. Dagarna är länets största mötesplats.\n"
    )
    assert not any("Besöksnäringsdagarna" in name for name in orgs(x))
