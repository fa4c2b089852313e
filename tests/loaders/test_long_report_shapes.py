"""Shapes of long report prose (first seen in the blind dev11 set): a work presented in an
arena whose members are listed after "där A deltar tillsammans med B", genitive-owner
names with a place ("Industrins kompetensråd Norrbotten", "Nordkalottens gränsregionala
råd") and a past-tense verb closing a sentence-case name."""

from __future__ import annotations

from extracttools import extract, related, works

from ontology.model import EntityType, RelationType


def test_members_listed_after_the_arena_are_members_not_partners() -> None:
    text = (
        "Erfarenheterna från projektet har presenterats i Arkitekturnätverket Norr, där "
        "Region Västerbotten deltar tillsammans med Umeå kommun och Skellefteå kommun.\n"
    )
    x = extract(text)
    members = related(x, RelationType.MEMBER_OF)
    assert {
        ("Region Västerbotten", "Arkitekturnätverket Norr"),
        ("Umeå kommun", "Arkitekturnätverket Norr"),
    } <= members
    assert not related(x, RelationType.PARTNER_IN)


def test_project_talk_in_a_list_item_still_makes_partners() -> None:
    text = (
        "Fasta samverkansytor\n\nBostadslyftet Norr\nGemensamt projekt mellan Umeå kommun "
        "och Skellefteå kommun om nya bostäder.\n"
    )
    x = extract(text)
    assert related(x, RelationType.PARTNER_IN) == {
        ("Umeå kommun", "Bostadslyftet Norr"),
        ("Skellefteå kommun", "Bostadslyftet Norr"),
    }
    assert not related(x, RelationType.MEMBER_OF)


def test_genitive_owner_and_place_name_an_arena() -> None:
    text = (
        "Region Norrbotten sammankallar dessutom Industrins kompetensråd Norrbotten, där LKAB "
        "ingår. Vi har avböjt en inbjudan att gå med i Nordkalottens gränsregionala råd.\n"
    )
    found = works(extract(text))
    assert found.get("Industrins kompetensråd Norrbotten") is EntityType.ARENA
    assert found.get("Nordkalottens gränsregionala råd") is EntityType.ARENA


def test_past_tense_verb_ends_a_sentence_case_name() -> None:
    found = works(extract("- Projektet Inlandets kompetensbro nådde 180 deltagare.\n"))
    assert "Inlandets kompetensbro" in found
    assert not any("nådde" in name for name in found)


def test_compound_names_with_a_place_or_a_hyphen_and_an_apposition() -> None:
    text = (
        "Kommunerna längs sträckan har därför bildat Samrådsgruppen Norrbotniabanan "
        "Västerbotten, som sammankallas av Skellefteå kommun. Det kompletterar arbetet inom "
        "Kallt klimat-klustret, som Region Norrbotten är medlem i. Rådets beredningsgrupp, "
        "Tjänstemannaberedningen för vård och omsorg, samordnas av förbundet.\n"
    )
    found = works(extract(text))
    assert found.get("Samrådsgruppen Norrbotniabanan Västerbotten") is EntityType.ARENA
    assert found.get("Kallt klimat-klustret") is EntityType.ARENA
    assert "Tjänstemannaberedningen för vård och omsorg" in found
