"""A cluster's own "about us" page, a university press release on a new centre, and
compound names of councils (shapes of the dev8 set)."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType

ABOUT = """Matklustret Jämtland Härjedalen
Hem | Om oss | Medlemmar

OM OSS

Matklustret Jämtland Härjedalen är en medlemsdriven klusterorganisation för företag som
producerar mat. Vi bildades 2018.

Bland våra medlemmar finns Oviken Ost AB, Jämtlands Bryggeri AB och Storsjöfisk AB.

Matklustret Jämtland Härjedalen ekonomisk förening · Prästgatan 50, 831 31 Östersund
"""


def test_cluster_page_is_an_arena_with_its_members() -> None:
    x = extract(ABOUT)
    assert works(x).get("Matklustret Jämtland Härjedalen") is EntityType.ARENA
    assert "Matklustret Jämtland Härjedalen ekonomisk förening" not in orgs(x)
    members = related(x, RelationType.MEMBER_OF)
    assert ("Oviken Ost AB", "Matklustret Jämtland Härjedalen") in members
    assert ("Storsjöfisk AB", "Matklustret Jämtland Härjedalen") in members


def test_centre_named_after_centrumbildningen() -> None:
    text = (
        "Umeå universitet startar centrumbildningen Nordic Centre for Circular Construction "
        "(NC3). I centrumet ingår också Luleå tekniska universitet och RISE Research "
        "Institutes of Sweden.\n"
    )
    x = extract(text)
    assert works(x).get("Nordic Centre for Circular Construction") is EntityType.ARENA
    assert "RISE Research Institutes of Sweden" in orgs(x)
    assert (
        "Luleå tekniska universitet",
        "Nordic Centre for Circular Construction",
    ) in related(x, RelationType.MEMBER_OF)


def test_coordinated_compound_keeps_its_place_and_company_short_form_is_no_arena() -> None:
    text = (
        "Frågorna behandlas numera i Klimat- och energirådet Norrbotten, som leds av "
        "Länsstyrelsen Norrbotten. Från näringslivet deltar Skanska Sverige AB och "
        "Balticgruppen AB. Balticgruppen bygger i Umeå.\n"
    )
    found = works(extract(text))
    assert "Klimat- och energirådet Norrbotten" in found
    assert "Balticgruppen" not in found
