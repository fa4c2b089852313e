"""Character-offset maps from a derived text back to the original file text.

Every stage that rewrites text (HTML stripping, de-hyphenation, page-furniture removal)
builds its output with a :class:`TextBuilder`, which records for each output character
the original offset it came from. Maps compose, so provenance always points at the
real passage of the file.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(frozen=True)
class OffsetMap:
    """``positions[i]`` is the original offset of derived character ``i``.

    ``original_length`` lets an empty or end-of-text span map to a valid offset.
    """

    positions: array[int]
    original_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(array("q", range(length)), length)

    def __len__(self) -> int:
        return len(self.positions)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the derived span ``[start, end)`` to the original span that covers it."""
        if not 0 <= start <= end <= len(self.positions):
            raise ValueError(f"span {start}:{end} outside derived text of {len(self)} chars")
        if start == end:
            pos = self.positions[start] if start < len(self.positions) else self.original_length
            return pos, pos
        return self.positions[start], self.positions[end - 1] + 1

    def then(self, later: OffsetMap) -> OffsetMap:
        """Compose: ``later`` maps a text derived from this map's derived text."""
        composed = array("q", (self.positions[p] for p in later.positions))
        return OffsetMap(composed, self.original_length)


class TextBuilder:
    """Builds a derived text piece by piece while recording original offsets."""

    def __init__(self, original_length: int) -> None:
        self._parts: list[str] = []
        self._positions: array[int] = array("q")
        self._original_length = original_length

    def copy(self, text: str, original_start: int) -> None:
        """Append ``text`` that stands at ``original_start`` in the source unchanged."""
        self._parts.append(text)
        self._positions.extend(range(original_start, original_start + len(text)))

    def insert(self, text: str, original_at: int) -> None:
        """Append synthetic ``text`` (e.g. a space for a line break) anchored at one offset."""
        self._parts.append(text)
        self._positions.extend([original_at] * len(text))

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._positions, self._original_length)
