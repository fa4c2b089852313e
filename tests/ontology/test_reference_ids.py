"""Reference data gives every municipality a stable id of its own."""

from __future__ import annotations

from ontology.reference import municipalities, reference_entities


def test_all_290_municipalities_have_distinct_ids() -> None:
    records = municipalities()
    assert len(records) == 290
    assert len({m.id for m in records}) == 290


def test_only_names_that_fold_together_carry_their_code() -> None:
    by_code = {m.code: m for m in municipalities()}
    assert by_code["0305"].id == "municipality:habo--0305"  # Håbo
    assert by_code["0643"].id == "municipality:habo--0643"  # Habo
    assert by_code["2480"].id == "municipality:umea"


def test_reference_entities_include_every_municipality() -> None:
    ids = {e.id for e in reference_entities() if e.type.value == "Municipality"}
    assert len(ids) == 290
