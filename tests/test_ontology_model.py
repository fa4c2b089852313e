"""The shared contract: ids, IRIs and typed attributes."""

import pytest
from pydantic import ValidationError

from ontology.ids import entity_iri, id_from_iri, make_id, slug
from ontology.model import Entity, EntityType
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
