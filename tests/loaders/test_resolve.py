"""Resolution: case/inflection variants merge, acronyms alias, different things stay apart."""

from __future__ import annotations

from loaders.resolve import FUZZY_SAME_NAME, GraphBuilder, clean_name, short_form, strip_genitive
from ontology.model import EntityType, RelationType


def test_case_variants_are_one_entity() -> None:
    g = GraphBuilder()
    a = g.entity(EntityType.ORGANISATION, "Umeå universitet")
    b = g.entity(EntityType.ORGANISATION, "Umeå Universitet")
    assert a == b == "org:umea-universitet"


def test_acronym_alias_finds_entity() -> None:
    g = GraphBuilder()
    eid = g.entity(EntityType.ARENA, "Europaforum Norra Sverige", aliases=("EFNS",))
    assert g.find(EntityType.ARENA, "EFNS") == eid
    assert g.find(EntityType.ORGANISATION, "EFNS") is None


def test_fuzzy_merge_of_spelling_variants_but_not_distinct_names() -> None:
    g = GraphBuilder()
    eid = g.entity(EntityType.ARENA, "Handläggarträffen")
    assert g.find(EntityType.ARENA, "Handläggartäffen") == eid
    assert g.find(EntityType.ARENA, "Näringslivsträffen") is None
    assert 80 < FUZZY_SAME_NAME <= 100


def test_merge_across_documents_unions_mentions_and_evidence() -> None:
    one, two = GraphBuilder(), GraphBuilder()
    for doc, g in (("a", one), ("b", two)):
        org = g.entity(EntityType.ORGANISATION, "Region Västerbotten")
        arena = g.entity(EntityType.ARENA, "Innovationsnätverk Västerbotten")
        g.mention(org, doc, 0, 19)
        g.relate(RelationType.LEADS, org, arena, 0.8, (doc, 0, 19, "Region Västerbotten"))
    one.merge(two)
    entities, relations = one.build()
    org_entity = next(e for e in entities if e.id == "org:region-vasterbotten")
    assert {m.document for m in org_entity.mentions} == {"a", "b"}
    assert len(relations) == 1 and len(relations[0].evidence) == 2


def test_regional_branches_sharing_a_parent_alias_stay_apart_across_documents() -> None:
    one, two = GraphBuilder(), GraphBuilder()
    parent = "Hela Sverige ska leva"
    one.entity(EntityType.ORGANISATION, f"{parent} Norrbotten", aliases=(parent,))
    two.entity(EntityType.ORGANISATION, f"{parent} Västerbotten", aliases=(parent,))
    one.merge(two)
    names = {e.name for e in one.build()[0]}
    assert names == {f"{parent} Norrbotten", f"{parent} Västerbotten"}


def test_names_lose_article_words_and_genitive() -> None:
    assert clean_name("Nätverket Northern Sparsely Populated Areas") == (
        "Northern Sparsely Populated Areas"
    )
    assert clean_name("Nätverket för regional nationell dialog") == (
        "Nätverket för regional nationell dialog"
    )
    assert strip_genitive("Region Västerbottens", {"region västerbotten"}) == "Region Västerbotten"


def test_definite_and_indefinite_forms_are_one_arena() -> None:
    g = GraphBuilder()
    eid = g.entity(EntityType.ARENA, "Fyrlänsträff")
    assert g.entity(EntityType.ARENA, "Fyrlänsträffen") == eid


def test_cut_name_with_scope_and_opening_acronym_merge() -> None:
    g = GraphBuilder()
    full = g.entity(EntityType.PROJECT, "Stärkt samverkan för mänskliga rättigheter i Västerbotten")
    assert g.find(EntityType.PROJECT, "Stärkt samverkan för mänskliga rättigheter") == full
    osn = g.entity(EntityType.PROJECT, "OSN Hållbart bredband")
    assert g.find(EntityType.PROJECT, "OSN") == osn
    # A sub-group named after its parent stays apart: no scope word follows the parent.
    efns = g.entity(EntityType.ARENA, "Europaforum Norra Sverige")
    group = g.entity(EntityType.ARENA, "Europaforum Norra Sverige, sammanhållningspolitikgruppen")
    assert group != efns
    assert g.find(EntityType.ARENA, "Region 10") is None


def test_punctuation_blind_fuzzy_match() -> None:
    g = GraphBuilder()
    eid = g.entity(EntityType.PROJECT, "R10 - vinnare i den gröna omställningen")
    assert g.find(EntityType.PROJECT, "R10 – en vinnare i den gröna omställningen") == eid


def test_place_suffix_gives_a_short_alias() -> None:
    g = GraphBuilder()
    eid = g.entity(EntityType.ORGANISATION, "Länstrafiken i Västerbotten")
    assert g.find(EntityType.ORGANISATION, "Länstrafiken") == eid
    assert short_form("Film i Västerbotten") is None
