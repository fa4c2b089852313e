"""Loader-internal records passed between stages (never leave ``loaders``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.offsets import OffsetMap


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus the map from its characters to the original file text."""

    doc_id: str
    original: str
    text: str
    offsets: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the cleaned span ``[start, end)``."""
        return self.offsets.to_original(start, end)


@dataclass(frozen=True)
class Line:
    """One non-empty line of the cleaned text; ``start``/``end`` index the cleaned text."""

    start: int
    end: int
    text: str
    heading: bool
    level: int = 0  # markdown heading level ("## X" → 2); 0 for plain lines
    ruled: bool = False  # set off by rules ("--- Beviljade 2024 ---"): closes lists above it


@dataclass
class Item:
    """One entry of a structured list: a heading with its description paragraph(s)."""

    kind: str  # "arena", "project" or "sdg"
    title: Line
    body: list[Line] = field(default_factory=list)
    section_path: tuple[str, ...] = ()
    area_key: str | None = None  # strategic-area id the item sits under
    labelled: bool = False  # the title is a bold label ("1. **Arctic Drone Hub** – …")
    record: bool = False  # a title over fields such as "Projektägare: X" outside any list

    @property
    def start(self) -> int:
        return self.title.start

    @property
    def end(self) -> int:
        return self.body[-1].end if self.body else self.title.end

    @property
    def description(self) -> str:
        return " ".join(b.text for b in self.body)


@dataclass(frozen=True)
class AreaRef:
    """A strategic area under one priority chapter."""

    id: str
    name: str
    priority_id: str
    priority_name: str


@dataclass
class Outline:
    """The recovered structure of one document."""

    lines: list[Line]
    items: list[Item]
    priorities: list[tuple[str, str, int]]  # (id, name, cleaned start offset)
    areas: dict[str, AreaRef]
    area_lines: list[tuple[int, str]]  # (cleaned start, area id): where each area section begins
    section_at: list[tuple[int, tuple[str, ...]]]  # (cleaned start, section path)


@dataclass(frozen=True)
class OrgMention:
    """An organisation (or municipality) mention in the cleaned text."""

    start: int
    end: int
    surface: str
    name: str  # canonical name proposed by the gazetteer/pattern
    org_type: str  # OrgType value or "place" for a bare municipality
    acronym: str | None = None
    place_id: str | None = None  # municipality id for "X kommun" and bare places
    confidence: float = 0.8
