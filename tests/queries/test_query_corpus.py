"""The named queries on the real corpus: both engines agree, and the key answers make sense.

The corpus (data/corpus/*.txt) is extracted by the loader, written to the RDF store by
graph.store and to FalkorDB by graph.writer (fixtures in conftest.py). Parameters that name
entities are picked from the extraction (the best-connected organisation, arena, …), so the
cases follow the loader as it improves; expected answers are recomputed from the extraction
in plain Python (an oracle independent of both query languages), never written down.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from graph.cypher_engines import FalkorEngine
from graph.store import StoreHandle
from ontology.model import EntityType, Extraction
from queries.areas import resolve_area
from queries.catalog import get_spec, list_specs
from queries.errors import AreaFileError, UnknownAreaError
from queries.run import Limits, QueryResult, run_cypher, run_sparql

pytestmark = pytest.mark.cypher

LIMITS = Limits(timeout_ms=120_000, max_rows=100_000)
TAKES_PART = {"member_of": "member", "leads": "leads", "partner_in": "partner"}
ITEM_TYPES = {EntityType.ARENA, EntityType.PROJECT}


# --- an oracle over the extraction -----------------------------------------------------------


@dataclass
class Facts:
    """The extraction as plain sets: who takes part in what, where things are, themes."""

    types: dict[str, EntityType]
    roles: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (org, item) → roles
    located: dict[str, set[str]] = field(default_factory=dict)
    targets: dict[str, set[str]] = field(default_factory=dict)
    themes: dict[str, set[str]] = field(default_factory=dict)

    def is_org(self, entity: str) -> bool:
        return self.types.get(entity) is EntityType.ORGANISATION

    def is_item(self, entity: str) -> bool:
        return self.types.get(entity) in ITEM_TYPES

    def participants(self, item: str) -> set[str]:
        return {o for (o, x) in self.roles if x == item}

    def items_of(self, org: str) -> set[str]:
        return {x for (o, x) in self.roles if o == org}

    def reach(self, item: str) -> set[str]:
        """Places the item is located in or targets, or where a participant is located."""
        places = self.located.get(item, set()) | self.targets.get(item, set())
        for org in self.participants(item):
            places |= self.located.get(org, set())
        return places


def facts_of(extraction: Extraction) -> Facts:
    facts = Facts(types={e.id: e.type for e in extraction.entities})
    for r in extraction.relations:
        kind = r.type.value
        if kind in TAKES_PART and facts.is_org(r.source) and facts.is_item(r.target):
            facts.roles.setdefault((r.source, r.target), set()).add(TAKES_PART[kind])
        elif kind == "located_in":
            facts.located.setdefault(r.source, set()).add(r.target)
        elif kind == "targets_place":
            facts.targets.setdefault(r.source, set()).add(r.target)
        elif kind == "has_theme":
            facts.themes.setdefault(r.source, set()).add(r.target)
    return facts


def expected_who_collaborates(
    facts: Facts, theme: str, places: Iterable[str]
) -> dict[str, tuple[set[str], set[str]]]:
    """organisation → (items, partners), by the definition in who_collaborates.rq."""
    wanted = set(places)
    rows: dict[str, tuple[set[str], set[str]]] = {}
    for item, item_themes in facts.themes.items():
        if not facts.is_item(item) or theme not in item_themes or not facts.reach(item) & wanted:
            continue
        members = facts.participants(item)
        for org in members:
            partners = members - {org}
            if partners:
                items, known = rows.setdefault(org, (set(), set()))
                items.add(item)
                known |= partners
    return rows


def shortest_chains(facts: Facts, start: str, goal: str) -> set[tuple[str, ...]]:
    """Every shortest organisation–item–organisation… chain of at most 4 links (BFS)."""
    neighbours: dict[str, set[str]] = {}
    for org, item in facts.roles:
        neighbours.setdefault(org, set()).add(item)
        neighbours.setdefault(item, set()).add(org)
    chains: set[tuple[str, ...]] = set()
    queue: deque[tuple[str, ...]] = deque([(start,)])
    while queue:
        path = queue.popleft()
        if chains and len(path) > len(next(iter(chains))):
            break
        if path[-1] == goal and len(path) > 1:
            chains.add(path)
            continue
        if len(path) >= 5:
            continue
        for nxt in sorted(neighbours.get(path[-1], ())):
            if nxt not in path:
                queue.append((*path, nxt))
    return chains


def rows_of(result: QueryResult) -> list[dict[str, Any]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def as_set(result: QueryResult) -> set[tuple[Any, ...]]:
    return {tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in result.rows}


def both(
    store: StoreHandle, engine: FalkorEngine, name: str, params: dict[str, Any], **kw: Any
) -> QueryResult:
    """Run on both engines, check they agree as sets, return the RDF answer."""
    spec = get_spec(name)
    rdf = run_sparql(store, spec, params, LIMITS, **kw)
    cypher = run_cypher(engine, spec, params, LIMITS, **kw)
    assert rdf.columns == cypher.columns == [c.name for c in spec.columns]
    assert not rdf.truncated and not cypher.truncated
    assert as_set(rdf) == as_set(cypher), f"{name}{params}: the engines disagree"
    return rdf


# --- parameters picked from the extraction ---------------------------------------------------


@pytest.fixture(scope="module")
def facts(corpus_extraction: Extraction) -> Facts:
    return facts_of(corpus_extraction)


def _top(counts: Counter[str]) -> str:
    assert counts, "the corpus extraction has nothing of this kind"
    return min(counts, key=lambda k: (-counts[k], k))


@pytest.fixture(scope="module")
def picks(facts: Facts, corpus_extraction: Extraction) -> dict[str, str]:
    """Stand-ins for ``@name`` in CASES: the best-connected entities of each kind."""
    orgs = Counter(o for o, _ in facts.roles)
    items = Counter(x for _, x in facts.roles)
    places = Counter(p for e in (facts.located, facts.targets) for ps in e.values() for p in ps)
    munis = Counter({p: n for p, n in places.items() if p.startswith("municipality:")})
    pair2 = _pair_at(facts, orgs, 3)
    pair4 = _pair_at(facts, orgs, 5)
    return {
        "@org": _top(orgs),
        "@item": _top(items),
        "@municipality": _top(munis),
        "@entity": _top(Counter(r.source for r in corpus_extraction.relations)),
        "@from2": pair2[0],
        "@to2": pair2[1],
        "@from4": pair4[0],
        "@to4": pair4[1],
    }


def _pair_at(facts: Facts, orgs: Counter[str], nodes: int) -> tuple[str, str]:
    """The best-connected pair of organisations whose shortest chain has ``nodes`` nodes."""
    ranked = sorted(orgs, key=lambda k: (-orgs[k], k))
    for start in ranked:
        for goal in ranked:
            if goal != start:
                chains = shortest_chains(facts, start, goal)
                if chains and len(next(iter(chains))) == nodes:
                    return start, goal
    pytest.fail(f"no two organisations in the corpus are {nodes - 1} links apart")


# (query, params): every query, with the areas an operator would ask about.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("who_collaborates", {}),
    ("who_collaborates", {"theme": "energi", "area": "inland"}),
    ("who_collaborates", {"theme": "energi", "area": "coast"}),
    ("who_collaborates", {"theme": "kompetensforsorjning", "area": "Region 10"}),
    ("who_collaborates", {"theme": "digitalisering", "area": "vasterbotten"}),
    ("who_collaborates", {"theme": "naringsliv", "area": "county:vasterbottens-lan"}),
    ("who_collaborates", {"theme": "samhallsbyggnad", "area": "2480"}),
    ("arenas_of_organisation", {}),
    ("arenas_of_organisation", {"org": "@org"}),
    ("members_of_arena", {}),
    ("members_of_arena", {"arena": "@item"}),
    ("projects_for_sdg", {"goal": 7}),
    ("projects_for_sdg", {"goal": "sdg:9"}),
    ("projects_for_sdg", {"goal": 3}),
    ("sdg_coverage", {}),
    ("actors_in_municipality", {}),
    ("actors_in_municipality", {"municipality": "@municipality"}),
    ("inland_coast_bridges", {}),
    ("inland_coast_bridges", {"a": "region10", "b": "umearegionen"}),
    ("theme_overview", {}),
    ("collaboration_path", {}),
    ("collaboration_path", {"from": "@from2", "to": "@to2"}),
    ("collaboration_path", {"from": "@from4", "to": "@to4"}),
    ("provenance", {}),
    ("provenance", {"entity": "@entity"}),
    ("provenance", {"entity": "@item"}),
    ("compare_regions", {}),
    ("compare_regions", {"theme": "kompetensforsorjning"}),
    ("compare_regions", {"theme": "energi", "a": "inland", "b": "coast"}),
]


def resolve(params: dict[str, Any], picks: dict[str, str]) -> dict[str, Any]:
    return {k: picks.get(v, v) if isinstance(v, str) else v for k, v in params.items()}


def test_every_query_is_run_on_the_corpus() -> None:
    assert {name for name, _ in CASES} == {s.name for s in list_specs()}


@pytest.mark.parametrize(("name", "params"), CASES)
def test_engines_agree_on_the_corpus(
    corpus_store: StoreHandle,
    corpus_falkor: FalkorEngine,
    picks: dict[str, str],
    name: str,
    params: dict[str, Any],
) -> None:
    both(corpus_store, corpus_falkor, name, resolve(params, picks))


# --- key answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("theme", "area"),
    [("energi", "inland"), ("energi", "coast"), ("digitalisering", "vasterbotten")],
)
def test_who_collaborates_matches_the_extraction(
    corpus_store: StoreHandle, corpus_falkor: FalkorEngine, facts: Facts, theme: str, area: str
) -> None:
    """Organisations, items and partners equal the oracle's (sources aside)."""
    result = both(corpus_store, corpus_falkor, "who_collaborates", {"theme": theme, "area": area})
    got = {r["organisation"]: (set(r["items"]), set(r["partners"])) for r in rows_of(result)}
    assert got == expected_who_collaborates(facts, f"theme:{theme}", resolve_area(area).places)


def test_who_collaborates_on_energy_in_the_inland(
    corpus_store: StoreHandle,
    corpus_falkor: FalkorEngine,
    corpus_extraction: Extraction,
    facts: Facts,
) -> None:
    """Vem samverkar om energi i inlandet? Inland actors, on energy items, with their sources."""
    inland = set(resolve_area("inland").places)
    documents = {d.id for d in corpus_extraction.documents}
    rows = rows_of(
        both(corpus_store, corpus_falkor, "who_collaborates", {"theme": "energi", "area": "inland"})
    )
    assert rows, "nobody collaborates on energy in the inland according to the corpus"
    for row in rows:
        assert row["organisation"] not in row["partners"] and row["partners"]
        for item in row["items"]:
            assert "theme:energi" in facts.themes[item] and facts.reach(item) & inland
        assert row["sources"] and all(s.split(": ", 1)[0] in documents for s in row["sources"])
    inland_orgs = {
        r["organisation"] for r in rows if facts.located.get(r["organisation"], set()) & inland
    }
    assert inland_orgs, "no organisation located in an inland municipality takes part"


def test_projects_for_sdg_7(
    corpus_store: StoreHandle, corpus_falkor: FalkorEngine, facts: Facts
) -> None:
    rows = rows_of(both(corpus_store, corpus_falkor, "projects_for_sdg", {"goal": 7}))
    assert rows
    for row in rows:
        assert facts.is_item(row["item"])
        assert row["route"] in {"direct", "strategic_area", "theme"}
        assert (row["through"] is None) is (row["route"] == "direct")


@pytest.mark.parametrize(("start", "goal"), [("@from2", "@to2"), ("@from4", "@to4")])
def test_collaboration_path_between_real_organisations(
    corpus_store: StoreHandle,
    corpus_falkor: FalkorEngine,
    facts: Facts,
    picks: dict[str, str],
    start: str,
    goal: str,
) -> None:
    """The chains found are exactly the shortest ones a breadth-first search finds."""
    params = {"from": picks[start], "to": picks[goal]}
    rows = rows_of(both(corpus_store, corpus_falkor, "collaboration_path", params))
    assert rows
    assert {tuple(r["path"]) for r in rows} == shortest_chains(facts, params["from"], params["to"])
    assert all(r["length"] == len(r["path"]) - 1 == len(r["names"]) - 1 for r in rows)


def test_members_and_arenas_match_the_extraction(
    corpus_store: StoreHandle, corpus_falkor: FalkorEngine, facts: Facts, picks: dict[str, str]
) -> None:
    item, org = picks["@item"], picks["@org"]
    members = rows_of(both(corpus_store, corpus_falkor, "members_of_arena", {"arena": item}))
    assert {(r["organisation"], r["role"]) for r in members} == {
        (o, role) for (o, x), roles in facts.roles.items() if x == item for role in roles
    }
    arenas = rows_of(both(corpus_store, corpus_falkor, "arenas_of_organisation", {"org": org}))
    assert {(r["item"], r["role"]) for r in arenas} == {
        (x, role) for (o, x), roles in facts.roles.items() if o == org for role in roles
    }
    assert all(r["sources"] for r in members + arenas), "a participation without its passage"


def test_inland_coast_bridges_reach_both_sides(
    corpus_store: StoreHandle, corpus_falkor: FalkorEngine, facts: Facts
) -> None:
    inland, coast = set(resolve_area("inland").places), set(resolve_area("coast").places)
    rows = rows_of(both(corpus_store, corpus_falkor, "inland_coast_bridges", {}))
    assert rows
    for row in rows:
        assert set(row["a_places"]) <= inland & facts.reach(row["item"])
        assert set(row["b_places"]) <= coast & facts.reach(row["item"])
        assert row["a_places"] and row["b_places"]


def test_actors_in_the_busiest_municipality(
    corpus_store: StoreHandle, corpus_falkor: FalkorEngine, picks: dict[str, str]
) -> None:
    params = {"municipality": picks["@municipality"]}
    rows = rows_of(both(corpus_store, corpus_falkor, "actors_in_municipality", params))
    assert rows
    assert {r["route"] for r in rows} <= {"located_in", "targets_place", "participant"}


# --- an operator's own geography sets ---------------------------------------------------------

CUSTOM_AREAS = """
[skelleftealven]
label_sv = "Skellefteälvens dalgång"
label_en = "Skellefte river valley"
codes = ["2482", "2417", "2418", "2505", "2506"]
source = "test: a functional region an operator adds"

[kusten-kopia]
label_sv = "Kusten (kopia)"
codes = [{codes}]
"""


@pytest.fixture(scope="module")
def areas_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    codes = ", ".join(f'"{c}"' for c in resolve_area("coast").codes)
    path = tmp_path_factory.mktemp("areas") / "areas.toml"
    path.write_text(CUSTOM_AREAS.replace("{codes}", codes), encoding="utf-8")
    return path


def test_custom_area_set_resolves(areas_file: Path) -> None:
    valley = resolve_area("Skellefteälvens dalgång", areas_file)
    assert valley.name == "skelleftealven"
    assert "municipality:skelleftea" in valley.places and len(valley.places) == 5
    with pytest.raises(UnknownAreaError, match="skelleftealven"):
        resolve_area("atlantis", areas_file)
    with pytest.raises(UnknownAreaError):
        resolve_area("skelleftealven")  # not without the operator's file


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("who_collaborates", {"theme": "samhallsbyggnad", "area": "{area}"}),
        ("inland_coast_bridges", {"a": "inland", "b": "{area}"}),
        ("compare_regions", {"theme": "digitalisering", "a": "inland", "b": "{area}"}),
    ],
)
def test_custom_area_set_in_every_area_query(
    corpus_store: StoreHandle,
    corpus_falkor: FalkorEngine,
    areas_file: Path,
    name: str,
    params: dict[str, Any],
) -> None:
    """A custom set with the coast's codes answers exactly what ``coast`` answers."""
    custom = {k: v.replace("{area}", "kusten-kopia") for k, v in params.items()}
    coast = {k: v.replace("{area}", "coast") for k, v in params.items()}
    got = both(corpus_store, corpus_falkor, name, custom, areas_file=areas_file)
    want = both(corpus_store, corpus_falkor, name, coast)
    strip = {"compare_regions": 0}  # its region column names the set
    if name in strip:
        got_rows = {r[1:] for r in as_set(got)}
        want_rows = {r[1:] for r in as_set(want)}
        assert got_rows == want_rows
        assert {r[0] for r in as_set(got)} <= {"inland", "kusten-kopia"}
    else:
        assert as_set(got) == as_set(want)
    valley = both(
        corpus_store, corpus_falkor, name,
        {k: v.replace("{area}", "skelleftealven") for k, v in params.items()},
        areas_file=areas_file,
    )  # fmt: skip
    assert valley.columns == got.columns


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (None, "cannot be read"),
        ("[broken\n", "areas file"),
        ('[nowhere]\ncodes = ["9999"]\n', "unknown kommunkoder"),
        ("[empty]\nlabel_sv = 'Tom'\n", "needs one of"),
    ],
)
def test_bad_areas_file_is_a_clear_error(tmp_path: Path, text: str | None, why: str) -> None:
    path = tmp_path / "areas.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(AreaFileError, match=why):
        resolve_area("inland", path)
