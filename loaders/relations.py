"""Relation cues: which organisation does what for an arena or project, per sentence.

Every organisation mention in a sentence takes the relation type of the nearest cue
("sammankallar" → leads, "samlar"/"består av"/"mellan" → member_of, "tillsammans med"
→ partner_in, "finansieras av" → funds). Enumerations after a member/partner cue also
yield organisations the gazetteer does not know ("Swedish Lapland Visitors Board").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.doc import OrgMention
from loaders.gazetteer import load_toml
from ontology.model import OrgType, RelationType

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“*(])|\n+")
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|•|\n|\bsamt\b|\boch\b)\s*")
_PROPER = re.compile(
    r"^(?:[A-ZÅÄÖ][\wåäöé&.-]*)(?: (?:[A-ZÅÄÖ][\wåäöé&.-]*|i|för|och|of|the|for|de|la))*$"
)
MAX_ITEM_WORDS = 6


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    type: RelationType
    confidence: float
    side: str = "any"
    weak: bool = False


_Pattern = tuple[re.Pattern[str], RelationType, float, str, bool]


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[_Pattern, ...]:
    spec = load_toml("relations.toml")
    cues = spec["cue"]
    assert isinstance(cues, list)
    out = []
    for cue in cues:
        rtype = RelationType(cue["type"])
        side, weak = str(cue.get("side", "any")), bool(cue.get("weak", False))
        for p in cue["patterns"]:
            flags = 0 if p[:1].isupper() else re.IGNORECASE
            out.append((re.compile(p, flags), rtype, float(cue["confidence"]), side, weak))
    return tuple(out)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``."""
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def cues_in(text: str, start: int, end: int) -> list[Cue]:
    found = []
    for pattern, rtype, conf, side, weak in _cue_patterns():
        for m in pattern.finditer(text, start, end):
            found.append(Cue(m.start(), m.end(), rtype, conf, side, weak))
    # A cue inside a longer cue (e.g. "deltar" in "Deltar gör") yields to the longer one.
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _fits(m: OrgMention, cue: Cue) -> bool:
    if cue.side == "before":
        return m.end <= cue.start
    if cue.side == "after":
        return m.start >= cue.end
    return True


def assign(mentions: list[OrgMention], cues: list[Cue]) -> list[tuple[OrgMention, Cue]]:
    """Pair each organisation mention with the nearest cue it stands on the right side of.

    Weak cues ("tillsammans med") only count when no other cue fits the mention.
    """
    out = []
    for m in mentions:
        fitting = [c for c in cues if _fits(m, c)]
        strong = [c for c in fitting if not c.weak] or fitting
        if not strong:
            continue
        best = min(strong, key=lambda c: min(abs(c.start - m.end), abs(m.start - c.end)))
        out.append((m, best))
    return out


@lru_cache(maxsize=1)
def _final_words() -> frozenset[str]:
    words = load_toml("names.toml")["org_final_words"]
    assert isinstance(words, list)
    return frozenset(str(w) for w in words)


def _proper(item: str) -> bool:
    """Capitalised words (with connectors), optionally ending in an organisation word."""
    if _PROPER.match(item):
        return True
    head, _, last = item.rpartition(" ")
    return bool(head) and last in _final_words() and bool(_PROPER.match(head))


def _items(text: str, base: int, region: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in _ITEM_SPLIT.split(region):
        idx = region.find(piece, pos) if piece else -1
        if idx < 0:
            continue
        pos = idx + len(piece)
        item = piece.strip(" .()\"")
        if item and len(item.split()) <= MAX_ITEM_WORDS and _proper(item) and len(item) >= 3:
            out.append((base + region.find(item, idx), item))
    return out


def enumerated_orgs(
    text: str, cue: Cue, start: int, end: int, known: list[OrgMention]
) -> list[OrgMention]:
    """Proper-noun items of the enumeration on the cue's side ("samlar A, B och C",
    "drivs av A", "A och B ansvarar för") that no gazetteer or pattern named."""
    covered = {i for m in known for i in range(m.start, m.end)}
    if cue.side == "before":
        base = start
        region = text[start : cue.start]
    else:
        region = text[cue.end : end]
        colon = region.find(":")
        base = cue.end + (colon + 1 if 0 <= colon < 3 else 0)
        region = text[base:end]
    found = _items(text, base, region)
    if cue.side == "before":
        found = found[-MAX_ITEM_WORDS:]
    return [
        OrgMention(pos, pos + len(item), item, item, OrgType.OTHER.value, confidence=0.55)
        for pos, item in found
        if not covered & set(range(pos, pos + len(item)))
    ]


__all__ = ["Cue", "assign", "cues_in", "enumerated_orgs", "sentences"]
