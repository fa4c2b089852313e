"""Which arena or project a sentence is about.

A relation cue ("sammankallar", "finansieras av") only links an organisation to an arena or
project when the sentence is about one. In order of trust: an arena/project named in the
sentence (the one on the far side of the cue from the organisation), the structured list
item whose description holds the sentence, an anaphor ("projektet", "nätverket", "Det drivs
av") resolved to the most recently named arena/project, and finally the document's own subject
when the document is a page about one arena/project. A sentence that names none of these is
about something else, and yields no relation (an earlier mention in the same paragraph was
measured to add far more wrong relations than right ones).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from loaders.gazetteer import load_toml

# Name occurrences shorter than this are too ambiguous to count as a mention of the work.
MIN_NAME_CHARS = 4
# An anaphor looks back this far for the work it refers to (a report section).
ANAPHOR_WINDOW = 3000
ANAPHOR_PENALTY = 0.05
_NOT_BEFORE_NAME = r"(?!\s+(?-i:[\"*“]?[A-ZÅÄÖ0-9]))"
FOCUS_PENALTY = 0.1


@dataclass(frozen=True)
class Anaphor:
    pattern: re.Pattern[str]
    kind: str  # "Arena", "Project" or "any": which works the anaphor prefers


@lru_cache(maxsize=1)
def anaphors() -> tuple[Anaphor, ...]:
    spec = load_toml("relations.toml")["anaphor"]
    assert isinstance(spec, list)
    out = []
    for a in spec:
        # "projektet FAIR", "samarbetet Västerbottens skogsprogram": a noun before a name
        # introduces that name; it does not point back.
        tail = _NOT_BEFORE_NAME if a.get("not_before_name", False) else ""
        for p in a["patterns"]:
            flags = 0 if p[:1].isupper() or p.startswith("^") else re.IGNORECASE
            out.append(Anaphor(re.compile(p + tail, flags), str(a.get("kind", "any"))))
    return tuple(out)


@dataclass(frozen=True)
class Target:
    id: str
    penalty: float
    start: int  # where the target is mentioned (-1 when it is the enclosing item/document)
    end: int


class Scope:
    """Mentions of arenas/projects in one document, and the focus rules over them."""

    def __init__(
        self,
        text: str,
        mentions: Iterable[tuple[int, int, str]],
        items: Iterable[tuple[int, int, str]],
        kinds: dict[str, str],
        focus: str | None = None,
    ) -> None:
        self.text = text
        self.mentions = sorted(set(mentions))
        self.starts = [m[0] for m in self.mentions]
        self.items = list(items)
        self.kinds = kinds  # target id → "Arena" / "Project"
        self.focus = focus

    def named_in(self, s: int, e: int) -> list[tuple[int, int, str]]:
        lo, hi = bisect_left(self.starts, s), bisect_left(self.starts, e)
        return [m for m in self.mentions[lo:hi] if m[1] <= e]

    def target(self, s: int, e: int, cue_start: int, org_start: int) -> Target | None:
        named = self.named_in(s, e)
        if named:
            return _target_at(_nearest_across(named, cue_start, org_start))
        for ts, te, eid in self.items:
            if ts <= s and e <= te + 1:
                return Target(eid, 0.0, -1, -1)
        kind = self._anaphor(s, e)
        if kind is not None:
            found = self._before(s, ANAPHOR_WINDOW, kind) or self.focus
            if found:
                return Target(found, ANAPHOR_PENALTY, -1, -1)
        if self.focus:  # a page about one work: its unattributed cues are about it
            return Target(self.focus, FOCUS_PENALTY, -1, -1)
        return None

    def _anaphor(self, s: int, e: int) -> str | None:
        sentence = self.text[s:e]
        for a in anaphors():
            if a.pattern.search(sentence):
                return a.kind
        return None

    def _before(self, s: int, window: int, kind: str) -> str | None:
        lo = s - window
        i = bisect_right(self.starts, s) - 1
        fallback = None
        while i >= 0 and self.mentions[i][0] >= lo:
            eid = self.mentions[i][2]
            if kind == "any" or self.kinds.get(eid) == kind:
                return eid
            fallback = fallback or eid
            i -= 1
        return fallback


def _nearest_across(
    named: list[tuple[int, int, str]], cue_start: int, org_start: int
) -> tuple[int, int, str]:
    """The named work on the other side of the cue from the organisation, nearest the cue
    ("A deltar i X som drivs av B": X for both A and B)."""
    org_before = org_start < cue_start

    def rank(m: tuple[int, int, str]) -> tuple[int, int]:
        across = (m[0] > cue_start) if org_before else (m[0] < cue_start)
        return (0 if across else 1, abs(m[0] - cue_start))

    return min(named, key=rank)


def _target_at(m: tuple[int, int, str]) -> Target:
    return Target(m[2], 0.0, m[0], m[1])


def name_occurrences(text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    """Every further occurrence of a known arena/project name (longest name first)."""
    usable = {n: eid for n, eid in names.items() if len(n) >= MIN_NAME_CHARS}
    if not usable:
        return []
    alternation = "|".join(re.escape(n) for n in sorted(usable, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])")
    return [(m.start(), m.end(), usable[m.group(0)]) for m in pattern.finditer(text)]


__all__ = ["Scope", "Target", "anaphors", "name_occurrences"]
