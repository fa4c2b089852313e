"""SDG targets (delmål): "delmål 8.9", "mål 13.3", "(8.9)" → ``SDGAttrs.targets``.

A reference counts only in an Agenda 2030 context: inside an SDG list item ("Mål 8: …")
or near an explicit SDG word, because regional strategies number their own goals too
("mål 3.2"). Inside an item the target must belong to the item's goal. Every number is
checked against the UN numbering (loaders/patterns/sdg.toml). A kept target is recorded on
its goal (attribute ``targets``, written as ``sam:targets`` and as a ``sam:SDGTarget``
node), the reference becomes a mention of the goal, and the work that names it
(strategic area of the SDG list, or the arena/project item around it) gets the reference
as evidence of its ``contributes_to`` link to the goal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from loaders.gazetteer import load_toml
from ontology.model import RelationType

if TYPE_CHECKING:
    from loaders.doc import Item
    from loaders.pipeline import DocExtractor


@dataclass(frozen=True)
class TargetRef:
    """One target number in the cleaned text."""

    target: str  # UN form: "8.9", "11.a"
    start: int
    end: int


@dataclass(frozen=True)
class _Rules:
    number: re.Pattern[str]
    cue: re.Pattern[str]
    separator: re.Pattern[str]
    bare: re.Pattern[str]
    context: re.Pattern[str]
    window: int
    last: dict[int, tuple[int, str]]  # goal → (last numbered target, last letter or "")


@cache
def rules() -> _Rules:
    spec: dict[str, Any] = load_toml("sdg.toml")
    return _Rules(
        number=re.compile(spec["number"], re.I),
        cue=re.compile(spec["cue"], re.I),
        separator=re.compile(spec["list_separator"], re.I),
        bare=re.compile(spec["bare"]),
        context=re.compile("|".join(spec["context"]), re.I),
        window=int(spec["context_window"]),
        last={int(g): (int(n), str(letter)) for g, (n, letter) in spec["targets"].items()},
    )


def normalise(goal: str, sub: str) -> str:
    """ "11", "A" → "11.a" (the UN writes letters in lower case)."""
    return f"{int(goal)}.{sub.lower()}"


def is_un_target(target: str) -> bool:
    """True when ``target`` exists in the UN numbering ("8.10" yes, "8.11" and "7.c" no)."""
    goal, _, sub = target.partition(".")
    limits = rules().last.get(int(goal)) if goal.isdigit() else None
    if limits is None or not sub:
        return False
    last_number, last_letter = limits
    if sub.isdigit():
        return 1 <= int(sub) <= last_number and not sub.startswith("0")
    return len(sub) == 1 and bool(last_letter) and "a" <= sub <= last_letter


def _numbers_at(text: str, pos: int, end: int) -> list[TargetRef]:
    """A list of target numbers starting at ``pos``: "8.2, 8.3 och 8.9"."""
    r = rules()
    found: list[TargetRef] = []
    while pos < end:
        m = r.number.match(text, pos, end)
        if m is None:
            break
        sub = m.group("sub") or m.group("letter")
        found.append(TargetRef(normalise(m.group("goal"), sub), m.start(), m.end()))
        sep = r.separator.match(text, m.end(), end)
        if sep is None:
            break
        pos = sep.end()
    return found


def target_refs(text: str, start: int = 0, end: int | None = None) -> list[TargetRef]:
    """Cue-introduced and parenthesised target numbers in ``text[start:end]``, unvalidated."""
    end = len(text) if end is None else end
    r = rules()
    refs = [
        ref for m in r.cue.finditer(text, start, end) for ref in _numbers_at(text, m.end(), end)
    ]
    for m in r.bare.finditer(text, start, end):
        inner = _numbers_at(text, m.start("inner"), m.end("inner"))
        if inner and inner[-1].end == m.end("inner"):  # "(8.9)", not "(se bilaga 3.2 …)"
            refs += inner
    return sorted(set(refs), key=lambda ref: ref.start)


def in_sdg_context(text: str, ref: TargetRef) -> bool:
    """An explicit SDG word within the context window of the reference."""
    r = rules()
    lo, hi = max(0, ref.start - r.window), min(len(text), ref.end + r.window)
    return r.context.search(text, lo, hi) is not None


def goal_of(ref: TargetRef) -> int:
    return int(ref.target.split(".", 1)[0])


# --- recording in the document's graph ----------------------------------------------------


def _item_goal(item: Item) -> int | None:
    m = re.search(r"(?i)(?:mål|sdg)\s*(\d{1,2})", item.title.text)
    return int(m.group(1)) if m else None


def _sentence(text: str, ref: TargetRef) -> tuple[int, int]:
    """The sentence around a reference (within its line): the passage naming the target."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    line_end = text.find("\n", ref.end)
    line_end = line_end if line_end >= 0 else len(text)
    # ". " ends a sentence; the dot inside "8.9" has no space after it.
    before = text.rfind(". ", line_start, ref.start)
    after = text.find(". ", ref.end, line_end)
    return (before + 2 if before >= 0 else line_start), (after + 1 if after >= 0 else line_end)


def _work_at(ex: DocExtractor, pos: int) -> str | None:
    """The arena/project list item whose span holds ``pos`` (innermost)."""
    spans = [(s, e, eid) for s, e, eid in ex.item_spans if s <= pos < e]
    return min(spans, key=lambda span: span[1] - span[0])[2] if spans else None


def _kept(ex: DocExtractor) -> list[tuple[TargetRef, str | None]]:
    """Valid references with the work that names them (area of an SDG item, or a work item)."""
    text = ex.text
    sdg_items = [i for i in ex.out.items if i.kind == "sdg"]
    kept: list[tuple[TargetRef, str | None]] = []
    for ref in target_refs(text):
        if not is_un_target(ref.target):
            continue
        item = next((i for i in sdg_items if i.start <= ref.start < i.end), None)
        if item is not None:
            if _item_goal(item) != goal_of(ref):
                continue  # "Mål 8: … delmål 12.b": not this goal's target
            kept.append((ref, ex.out.areas[item.area_key].id if item.area_key else None))
        elif in_sdg_context(text, ref):
            kept.append((ref, _work_at(ex, ref.start)))
    return kept


def record_targets(ex: DocExtractor) -> list[TargetRef]:
    """Record every valid target reference of the document; returns the kept references."""
    kept = _kept(ex)
    for ref, work in kept:
        sid = ex.sdg_entity(goal_of(ref), (ref.target,))
        ex.mention(sid, ref.start, ref.end)
        if work is not None and work in ex.g.entities:
            ex.g.relate(
                RelationType.CONTRIBUTES_TO, work, sid, 0.8, ex.ev(*_sentence(ex.text, ref))
            )
    return [ref for ref, _ in kept]


__all__ = [
    "TargetRef",
    "in_sdg_context",
    "is_un_target",
    "normalise",
    "record_targets",
    "rules",
    "target_refs",
]
