"""Content negotiation: ``Accept`` scored by q-value and specificity, wildcards included.

The media-type tables for SPARQL results and RDF syntaxes live here as data. When no
offer is acceptable the answer is 406 (RFC 9110 §12.5.1), with the offers named.
https://www.rfc-editor.org/rfc/rfc9110#name-accept
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api.problems import Problem

# Results of SELECT/ASK: media type → pyoxigraph QueryResultsFormat name.
RESULTS_TYPES: dict[str, str] = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "application/xml": "XML",
}
# Results of CONSTRUCT/DESCRIBE: media type → pyoxigraph RdfFormat name.
RDF_TYPES: dict[str, str] = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "text/plain": "N_TRIPLES",
}
# Tabular answers of the REST API.
TABLE_TYPES: tuple[str, ...] = ("application/json", "text/csv")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def _q(params: list[str]) -> float:
    for param in params:
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def parse_accept(header: str | None) -> list[MediaRange]:
    """``Accept`` → media ranges; an absent or empty header means ``*/*``."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for item in header.split(","):
        media, *params = item.split(";")
        kind, slash, sub = media.strip().lower().partition("/")
        if not slash or not kind or not sub:
            continue  # a malformed range is ignored, as browsers send odd ones
        ranges.append(MediaRange(kind, sub, _q(params)))
    return ranges


def _quality(ranges: Sequence[MediaRange], offer: str) -> float:
    matching = [r for r in ranges if r.matches(offer)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: r.specificity).q


def negotiate(header: str | None, offers: Sequence[str]) -> str:
    """The best offer for ``header``; server order breaks ties; 406 Problem when none fits."""
    ranges = parse_accept(header)
    best, best_q = "", 0.0
    for offer in offers:
        q = _quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    if not best:
        raise Problem(
            406,
            "Not acceptable",
            f"none of the media types in Accept: {header!r} can be produced; "
            f"offered: {', '.join(dict.fromkeys(offers))}",
            "not-acceptable",
        )
    return best
