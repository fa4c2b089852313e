"""Network analytics over the projections: centrality, communities, brokers, paths.

Everything is computed lazily, once per store version (:func:`analytics_for`), because
the graph only changes when ``samverkan build`` swaps in a new snapshot. Communities use
Louvain with a fixed seed, so the same store always gives the same communities.

Example::

    a = analytics_for(manifest["version"], lambda: load_extraction(snapshot))
    a.brokers[:5], a.path("org:lulea-tekniska-universitet", "org:umea-universitet")
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import networkx as nx

from graph.projections import (
    collaboration_graph,
    full_graph,
    known_entities,
    places_of,
    usable_relations,
)
from ontology.model import Extraction
from ontology.reference import municipalities

DEFAULT_SEED = 42
# Exact betweenness is O(V·E); above this many nodes it is estimated from a seeded sample.
EXACT_BETWEENNESS_MAX_NODES = 2_000
BETWEENNESS_SAMPLE = 500
CACHE_VERSIONS = 2


@dataclass(frozen=True)
class Centrality:
    id: str
    name: str
    degree: float
    betweenness: float


@dataclass(frozen=True)
class Community:
    index: int
    members: list[str]


@dataclass(frozen=True)
class Broker:
    """An organisation whose removal cuts ``separated_pairs`` inland–coast actor pairs apart."""

    id: str
    name: str
    separated_pairs: int
    inland_actors: int
    coastal_actors: int


@dataclass(frozen=True)
class PathStep:
    source: str
    target: str
    shared: list[str]


def centrality(graph: nx.Graph, seed: int = DEFAULT_SEED) -> dict[str, Centrality]:
    """Degree and betweenness centrality (on the undirected simple view of ``graph``)."""
    simple = (
        nx.Graph(graph.to_undirected()) if graph.is_directed() or graph.is_multigraph() else graph
    )
    degree = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    k = None if len(simple) <= EXACT_BETWEENNESS_MAX_NODES else BETWEENNESS_SAMPLE
    between = nx.betweenness_centrality(simple, k=k, seed=seed)
    return {
        n: Centrality(n, str(simple.nodes[n].get("name", n)), degree[n], between[n])
        for n in sorted(simple)
    }


def communities(graph: nx.Graph, seed: int = DEFAULT_SEED) -> list[Community]:
    """Seeded Louvain communities, largest first (ties by first member id)."""
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda m: (-len(m), m[0]))
    return [Community(i, members) for i, members in enumerate(ordered)]


def _pairs(components: Iterable[set[str]], inland: set[str], coast: set[str]) -> int:
    """Connected (inland actor, coastal actor) pairs of distinct actors."""
    total = 0
    for comp in components:
        i, c = comp & inland, comp & coast
        total += len(i) * len(c) - len(i & c)
    return total


def brokers(graph: nx.Graph, inland: set[str], coast: set[str]) -> list[Broker]:
    """Organisations whose removal disconnects inland actors from coastal actors.

    Only articulation points can disconnect anything; for each, count the inland–coast
    pairs (not involving it) that were connected before and are not after.
    """
    out = []
    for node in nx.articulation_points(graph):
        others_in, others_co = inland - {node}, coast - {node}
        before = _pairs((set(c) for c in nx.connected_components(graph)), others_in, others_co)
        rest = graph.subgraph(n for n in graph if n != node)
        after = _pairs((set(c) for c in nx.connected_components(rest)), others_in, others_co)
        if before > after:
            neighbours = set(graph[node])
            out.append(
                Broker(
                    node,
                    str(graph.nodes[node].get("name", node)),
                    before - after,
                    len(neighbours & inland),
                    len(neighbours & coast),
                )
            )
    return sorted(out, key=lambda b: (-b.separated_pairs, b.id))


def collaboration_path(graph: nx.Graph, source: str, target: str) -> list[PathStep] | None:
    """Fewest-hop chain of collaborations from one organisation to another (None if none)."""
    for org in (source, target):
        if org not in graph:
            raise KeyError(f"no organisation {org!r} in the collaboration graph")
    try:
        nodes = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return None
    return [PathStep(a, b, list(graph.edges[a, b]["shared"])) for a, b in pairwise(nodes)]


def inland_and_coastal_actors(extraction: Extraction) -> tuple[set[str], set[str]]:
    """Entities LOCATED_IN or TARGETS_PLACE an inland / a coastal municipality."""
    flags = {m.id: (m.inland, m.coast) for m in municipalities()}
    known = known_entities(extraction)
    inland, coast = set(), set()
    for entity, places in places_of(usable_relations(extraction, known), known).items():
        if any(flags.get(p, (None, None))[0] for p in places):
            inland.add(entity)
        if any(flags.get(p, (None, None))[1] for p in places):
            coast.add(entity)
    return inland, coast


class Analytics:
    """All analytics for one extraction, each computed on first use and then kept."""

    def __init__(self, extraction: Extraction, seed: int = DEFAULT_SEED) -> None:
        self.extraction = extraction
        self.seed = seed
        self._paths: dict[tuple[str, str], list[PathStep] | None] = {}

    @cached_property
    def full(self) -> nx.MultiDiGraph:
        return full_graph(self.extraction)

    @cached_property
    def collaboration(self) -> nx.Graph:
        return collaboration_graph(self.extraction)

    @cached_property
    def centrality(self) -> dict[str, Centrality]:
        """Every node of the full graph."""
        return centrality(self.full, self.seed)

    @cached_property
    def organisation_centrality(self) -> dict[str, Centrality]:
        """Organisations in the collaboration graph."""
        return centrality(self.collaboration, self.seed)

    @cached_property
    def communities(self) -> list[Community]:
        return communities(self.collaboration, self.seed)

    @cached_property
    def brokers(self) -> list[Broker]:
        inland, coast = inland_and_coastal_actors(self.extraction)
        return brokers(self.collaboration, inland, coast)

    def path(self, source: str, target: str) -> list[PathStep] | None:
        key = (source, target)
        if key not in self._paths:
            self._paths[key] = collaboration_path(self.collaboration, source, target)
        return self._paths[key]


_cache: OrderedDict[str, Analytics] = OrderedDict()
_lock = threading.Lock()


def analytics_for(
    version: str, load: Callable[[], Extraction], seed: int = DEFAULT_SEED
) -> Analytics:
    """The Analytics of one store version; ``load`` runs only when the version is new.

    ``version`` must name one snapshot uniquely (version numbers restart per store
    directory, so callers include the snapshot path).
    """
    key = f"{version}#{seed}"
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        result = Analytics(load(), seed)
        _cache[key] = result
        while len(_cache) > CACHE_VERSIONS:
            _cache.popitem(last=False)
        return result
