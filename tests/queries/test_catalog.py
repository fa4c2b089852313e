"""The catalog: headers parse, pairs agree, parameters are validated, docs stay in sync."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.store import StoreHandle
from queries.areas import ResolvedArea, area_names, resolve_area, resolve_municipality
from queries.catalog import (
    ColumnKind,
    ParamType,
    get_spec,
    list_specs,
    load_spec,
)
from queries.docs import DOC_PATH, EXAMPLE_MARKER, render_catalog, render_examples, split_document
from queries.errors import CatalogError, ParamError, UnknownAreaError, UnknownQueryError
from queries.run import bind_sparql, run_sparql

REQUIRED = {
    "who_collaborates",
    "arenas_of_organisation",
    "members_of_arena",
    "projects_for_sdg",
    "sdg_coverage",
    "actors_in_municipality",
    "inland_coast_bridges",
    "theme_overview",
    "collaboration_path",
    "provenance",
    "compare_regions",
}


def test_the_required_questions_exist() -> None:
    assert {s.name for s in list_specs()} >= REQUIRED


def test_every_spec_has_titles_description_and_columns() -> None:
    for spec in list_specs():
        assert spec.title_sv and spec.title_en and len(spec.description) > 40, spec.name
        assert spec.columns, spec.name
        assert set(spec.bind({})) == {p.name for p in spec.params}, spec.name


def test_sparql_projection_matches_the_declared_columns() -> None:
    """Run each query on an empty store: the SELECT variables are the header's columns."""
    empty = ox.Store()
    for spec in list_specs():
        result = run_sparql(empty, spec)
        assert result.columns == [c.name for c in spec.columns], spec.name
        assert result.rows == []


def test_every_parameter_has_a_values_block_in_sparql() -> None:
    for spec in list_specs():
        for p in spec.params:
            assert f"VALUES ?{p.name} {{ }}" in spec.sparql, (spec.name, p.name)
            assert f"${p.name}" in spec.cypher, (spec.name, p.name)
        text = bind_sparql(spec, spec.bind({}))
        assert "{ }" not in text, spec.name


def test_who_collaborates_header() -> None:
    spec = get_spec("who_collaborates")
    assert [(p.name, p.type, p.default) for p in spec.params] == [
        ("theme", ParamType.THEME, "energi"),
        ("area", ParamType.AREA, "inland"),
    ]
    kinds = {c.name: c.kind for c in spec.columns}
    assert kinds["partners"] is ColumnKind.SET and kinds["organisation"] is ColumnKind.VALUE


def test_unknown_query_lists_the_names() -> None:
    with pytest.raises(UnknownQueryError, match="who_collaborates"):
        get_spec("who_colaborates")


@pytest.mark.parametrize("value", ["energi", "Energi", "theme:energi", "ENERGY", " energi "])
def test_theme_accepts_key_label_and_id(value: str) -> None:
    assert get_spec("who_collaborates").bind({"theme": value})["theme"] == "theme:energi"


def test_theme_underscore_key() -> None:
    bound = get_spec("compare_regions").bind({"theme": "klimat_miljo"})
    assert bound["theme"] == "theme:klimat-miljo"


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("who_collaborates", {"thme": "energi"}, "no parameter"),
        ("who_collaborates", {"theme": "fusion"}, "unknown theme"),
        ("who_collaborates", {"theme": 'energi" } DROP ALL'}, "unknown theme"),
        ("who_collaborates", {"area": "atlantis"}, "not a geography set"),
        ("arenas_of_organisation", {"org": "Region Västerbotten"}, "entity id"),
        ("arenas_of_organisation", {"org": "org:x> } ; DROP ALL"}, "entity id"),
        ("arenas_of_organisation", {"org": "nosuchprefix:x"}, "unknown id prefix"),
        ("projects_for_sdg", {"goal": "18"}, "1 to 17"),
        ("projects_for_sdg", {"goal": "seven"}, "goal"),
        ("actors_in_municipality", {"municipality": "9999"}, "municipality"),
    ],
)
def test_invalid_parameters_are_refused_with_a_clear_error(
    name: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(ParamError, match=message):
        get_spec(name).bind(params)


def test_sdg_goal_forms() -> None:
    spec = get_spec("projects_for_sdg")
    assert spec.bind({"goal": 7})["goal"] == "sdg:7"
    assert spec.bind({"goal": "sdg:13"})["goal"] == "sdg:13"


@pytest.mark.parametrize(
    ("value", "county", "member"),
    [
        ("inland", None, "municipality:lycksele"),
        ("Coast", None, "municipality:umea"),
        ("vasterbotten", "county:vasterbottens-lan", "municipality:umea"),
        ("county:norrbottens-lan", "county:norrbottens-lan", "municipality:kiruna"),
        ("2480", None, "municipality:umea"),
        ("Umeå", None, "municipality:umea"),
        ("municipality:lulea", None, "municipality:lulea"),
        ("region10", None, "municipality:asele"),
    ],
)
def test_areas_resolve_to_places(value: str, county: str | None, member: str) -> None:
    area = resolve_area(value)
    assert member in area.places
    assert (county in area.county_ids) if county else area.county_ids == ()


def test_inland_and_coast_do_not_overlap() -> None:
    assert not set(resolve_area("inland").codes) & set(resolve_area("coast").codes)


def test_an_operator_area_file_adds_a_set(tmp_path: Path) -> None:
    extra = tmp_path / "areas.toml"
    extra.write_text(
        '[skelleftea_lycksele]\nlabel_sv = "Test"\ncodes = ["2482", "2481"]\n', encoding="utf-8"
    )
    assert "skelleftea_lycksele" in area_names(extra)
    bound = get_spec("who_collaborates").bind({"area": "skelleftea_lycksele"}, areas_file=extra)
    area = bound["area"]
    assert isinstance(area, ResolvedArea)
    assert area.places == ["municipality:lycksele", "municipality:skelleftea"]
    with pytest.raises(UnknownAreaError):
        resolve_area("skelleftea_lycksele")


def test_resolve_municipality() -> None:
    assert resolve_municipality("2584") == "municipality:kiruna"
    assert resolve_municipality("Kiruna") == "municipality:kiruna"


def _pair(directory: Path, name: str, rq_header: str, cy_header: str) -> None:
    (directory / f"{name}.rq").write_text(rq_header + "SELECT ?x WHERE { VALUES ?x { } }\n")
    (directory / f"{name}.cypher").write_text(cy_header + "RETURN 1 AS x\n")


def test_mismatched_headers_are_a_catalog_error(tmp_path: Path) -> None:
    base = "title_sv: a\n{m} title_en: b\n{m} description: c\n{m} param: x: int = 1\n"
    _pair(tmp_path, "q", "# " + base.format(m="#"), "// " + base.format(m="//"))
    assert load_spec("q", tmp_path).params[0].default == "1"
    _pair(tmp_path, "q", "# " + base.format(m="#"), "// " + base.format(m="//").replace("1", "2"))
    with pytest.raises(CatalogError, match="differ"):
        load_spec("q", tmp_path)


@pytest.mark.parametrize(
    "header",
    ["# title_sv a\n", "# param: x: float = 1\n", "# column: x: list\n", "# colour: red\n"],
)
def test_malformed_headers_are_catalog_errors(tmp_path: Path, header: str) -> None:
    full = "# title_sv: a\n# title_en: b\n# description: c\n" + header
    _pair(tmp_path, "q", full, full.replace("# ", "// "))
    with pytest.raises(CatalogError):
        load_spec("q", tmp_path)


def test_a_missing_cypher_file_is_a_catalog_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.rq").write_text("# title_sv: a\nSELECT * {}\n")
    with pytest.raises(CatalogError, match="missing"):
        load_spec("lonely", tmp_path)


def test_queries_md_is_in_sync_with_the_catalog() -> None:
    catalog, examples = split_document(DOC_PATH.read_text(encoding="utf-8"))
    assert catalog == render_catalog(), (
        "docs/QUERIES.md is stale: run `.venv/bin/python -m queries.docs`"
    )
    for spec in list_specs():
        assert f"## `{spec.name}`" in render_catalog()
    assert "who_collaborates(theme=energi, area=inland)" in examples


def test_example_answers_are_rendered_from_a_store(mini_store: StoreHandle) -> None:
    """The example part is the real answer of the store, with its quoted sources."""
    text = render_examples(mini_store)
    assert text.startswith(EXAMPLE_MARKER)
    spec = get_spec("who_collaborates")
    rows = run_sparql(mini_store, spec, {"theme": "energi", "area": "coast"}).rows
    assert rows
    for row in rows:
        assert f"| {row[0]} | {row[1]} |" in text
    assert "norrbotten-north-sweden-green-deal`: «" in text
