"""Shapes of an EU-office newsletter: a regional genitive before "EU-beredning" and its
anaphor "Beredningen"; a hyphenated recurring day; a subject granted money that the next
sentence calls the project; an acronym spelled out by an English title; "och i projektet
deltar även …" (verb second after "och"); participants of a project are its members."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType

LETTER = """Norra Sverige i Bryssel – nyhetsbrev december 2025

Den 13 november antog Norra Sveriges EU-beredning ett gemensamt positionspapper.

Beredningen består av regionstyrelsernas ordförande i Region Norrbotten och Region Västerbotten och träffas fyra gånger om året.

Arctic Grid Flex har beviljats 2,1 miljoner euro från Interreg Aurora. Projektet ska testa flexibel elanvändning. Luleå tekniska universitet är huvudpartner och i projektet deltar även Norrsken Nät AB och Revontuli Verkko Oy.

I Horisont Europa har konsortiet bakom COLDREGIO – Cold Region Building Renovation fått klartecken. Projektet koordineras av Oulun yliopisto.

Den 18 mars 2026 arrangeras Norra Sverige-dagen i Bryssel för femte gången. Dagen arrangeras av Norrbottens Kommuner.

Vi följer arbetsgruppen för kalla klimat inom Europeiska regionkommittén.
"""  # noqa: E501


def test_a_regional_eu_committee_and_its_members() -> None:
    x = extract(LETTER)
    assert works(x).get("Norra Sveriges EU-beredning") is EntityType.ARENA
    assert ("Region Norrbotten", "Norra Sveriges EU-beredning") in related(
        x, RelationType.MEMBER_OF
    )


def test_a_granted_subject_called_the_project_and_its_participants() -> None:
    x = extract(LETTER)
    assert works(x).get("Arctic Grid Flex") is EntityType.PROJECT
    assert ("Luleå tekniska universitet", "Arctic Grid Flex") in related(x, RelationType.LEADS)
    members = related(x, RelationType.MEMBER_OF)
    assert {
        ("Norrsken Nät AB", "Arctic Grid Flex"),
        ("Revontuli Verkko Oy", "Arctic Grid Flex"),
    } <= members


def test_an_acronym_spelled_out_by_an_english_title() -> None:
    x = extract(LETTER)
    name = "COLDREGIO – Cold Region Building Renovation"
    assert works(x).get(name) is EntityType.PROJECT
    assert ("Oulun yliopisto", name) in related(x, RelationType.LEADS)


def test_a_hyphenated_day_held_for_the_fifth_time_is_an_arena() -> None:
    x = extract(LETTER)
    assert works(x).get("Norra Sverige-dagen") is EntityType.ARENA
    assert ("Norrbottens Kommuner", "Norra Sverige-dagen") in related(x, RelationType.LEADS)


def test_the_eu_committee_of_the_regions_is_a_body() -> None:
    assert "Europeiska regionkommittén" in orgs(extract(LETTER))
