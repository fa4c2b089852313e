"""The shared contract: ids, IRIs and typed attributes."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ontology.ids import (
    MAX_SLUG,
    entity_iri,
    id_from_iri,
    make_id,
    sdg_target_iri,
    slug,
    type_of,
)
from ontology.model import (
    ArenaKind,
    Entity,
    EntityType,
    MunicipalityAttrs,
    OrgType,
    ProjectAttrs,
    ThemeAttrs,
)
from ontology.reference import area_sets, reference_entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Umeå Universitet", "umea-universitet"),
        ("Länsstyrelsen Västerbotten", "lansstyrelsen-vasterbotten"),
        ("Örnsköldsviks kommun", "ornskoldsviks-kommun"),
        ("R10 - vinnare i den gröna omställningen", "r10-vinnare-i-den-grona-omstallningen"),
    ],
)
def test_slug_folds_swedish_letters(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_iris_round_trip_including_un_sdg_iris() -> None:
    for eid in ["org:umea-universitet", "sdg:7", "municipality:umea"]:
        assert id_from_iri(entity_iri(eid)) == eid
    assert entity_iri("sdg:7") == "http://metadata.un.org/sdg/7"
    assert make_id(EntityType.ORGANISATION, "Umeå universitet") == "org:umea-universitet"


def test_attributes_are_validated_per_type() -> None:
    with pytest.raises(ValidationError):
        Entity(id="sdg:99", type=EntityType.SDG, name="x", attributes={"goal": 99})
    with pytest.raises(ValidationError):
        Entity(id="org:x", type=EntityType.ORGANISATION, name="x", attributes={"bogus": 1})
    org = Entity(
        id="org:x", type=EntityType.ORGANISATION, name="x", attributes={"org_type": "university"}
    )
    assert org.attributes["org_type"] == "university"


def test_reference_data_is_complete() -> None:
    entities = reference_entities()
    by_type: dict[EntityType, int] = {}
    for e in entities:
        by_type[e.type] = by_type.get(e.type, 0) + 1
    assert by_type[EntityType.MUNICIPALITY] == 290
    assert by_type[EntityType.COUNTY] == 21
    assert by_type[EntityType.SDG] == 17
    assert by_type[EntityType.THEME] == 18
    sets = area_sets()
    assert len(sets["inland"].codes) == 21 and len(sets["coast"].codes) == 8
    assert len(sets["region10"].codes) == 10
    assert sets["inland"].codes.isdisjoint(sets["coast"].codes)


# --- properties of ids and the vocabularies of the model -----------------------------------

SWEDISH = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzåäöéüABCÅÄÖÉ0123456789 -–_.,:/()&'"),
    max_size=120,
)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=150))
def test_slug_is_idempotent_ascii_and_bounded(text: str) -> None:
    s = slug(text)
    assert slug(s) == s
    assert s.isascii() and SLUG.match(s) and len(s) <= MAX_SLUG


@settings(max_examples=300, deadline=None)
@given(SWEDISH)
def test_slug_folds_swedish_letters_and_case(text: str) -> None:
    folded = text.translate(str.maketrans("åäöÅÄÖ", "aaoAAO"))
    assert slug(text) == slug(folded) == slug(text.lower()) == slug(text.upper())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(EntityType)), SWEDISH)
def test_ids_are_stable_and_round_trip(entity_type: EntityType, name: str) -> None:
    entity_id = make_id(entity_type, name)
    assert entity_id == make_id(entity_type, name)  # same name, same id, every build
    assert type_of(entity_id) is entity_type
    assert id_from_iri(entity_iri(entity_id)) == entity_id
    assert entity_iri(entity_id).isascii()


def test_vocabularies_of_the_issue() -> None:
    assert {t.value for t in OrgType} == {
        "municipality",
        "region",
        "county_board",
        "state_agency",
        "university",
        "research_institute",
        "company",
        "civil_society",
        "association_of_municipalities",
        "eu_body",
        "other",
    }
    swedish = ["nätverk", "råd", "plattform", "partnerskap", "forum", "kluster", "konferens"]
    assert {slug(k) for k in swedish} <= {k.value for k in ArenaKind}
    assert {"acronym", "funding", "period", "budget_sek"} <= set(ProjectAttrs.model_fields)
    assert {"code", "county", "inland", "coast"} <= set(MunicipalityAttrs.model_fields)
    assert {"label_sv", "label_en"} <= set(ThemeAttrs.model_fields)


def test_contact_details_are_absent_unless_given() -> None:
    person = Entity(
        id="person:anna-andersson",
        type=EntityType.CONTACT_PERSON,
        name="Anna Andersson",
        attributes={"title": "Strateg", "organisation": "org:region-vasterbotten"},
    )
    assert "phone" not in person.attributes and "email" not in person.attributes
    assert person.model_dump(mode="json")["attributes"] == {
        "title": "Strateg",
        "organisation": "org:region-vasterbotten",
    }


def test_sdg_targets_use_un_numbers_and_iris() -> None:
    attrs = {"goal": 7, "name_sv": "Hållbar energi", "name_en": "Energy", "iri": "x"}
    sdg = Entity(id="sdg:7", type=EntityType.SDG, name="Mål 7", attributes={**attrs})
    assert "targets" not in sdg.attributes
    sdg = Entity(
        id="sdg:7", type=EntityType.SDG, name="Mål 7", attributes={**attrs, "targets": ["7.2"]}
    )
    assert sdg.attributes["targets"] == ["7.2"]
    assert sdg_target_iri("7.2") == "http://metadata.un.org/sdg/7.2"
    for bad in (["8.2"], ["7"], ["7.2.1"], ["18.1"]):
        with pytest.raises(ValidationError):
            Entity(id="sdg:7", type=EntityType.SDG, name="x", attributes={**attrs, "targets": bad})
    with pytest.raises(ValueError, match="not an SDG target"):
        sdg_target_iri("18.1")
