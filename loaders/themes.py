"""Themes from strategic-area names and the keyword lexicons of data/reference/themes.csv."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from loaders.gazetteer import load_toml
from loaders.trie import trie_pattern
from ontology.reference import ThemeRecord, themes

SHORT_KEYWORD = 3  # keywords this short (AI, S3) match case-sensitively as whole words
MIN_LEXICON_HITS = 2  # a description needs this many keyword hits to get a lexicon theme
_RULES = load_toml("themes.toml")
MIN_SENTENCE_HITS = int(_RULES["min_sentence_hits"])  # type: ignore[call-overload]


def _keyword_re(keywords: tuple[str, ...]) -> re.Pattern[str]:
    short = [re.escape(k) for k in keywords if len(k) <= SHORT_KEYWORD]
    long = sorted({k.lower() for k in keywords if len(k) > SHORT_KEYWORD})
    parts = []
    if long:
        parts.append(r"(?i:\b" + trie_pattern(long) + r"\w*)")
    if short:
        parts.append(r"\b(?:" + "|".join(short) + r")\b")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[ThemeRecord, re.Pattern[str]], ...]:
    return tuple((t, _keyword_re((t.label_sv, *t.keywords))) for t in themes())


@lru_cache(maxsize=1)
def _false_friends() -> tuple[str, ...]:
    words = _RULES["false_friends"]
    assert isinstance(words, list)
    return tuple(str(w).casefold() for w in words)


def _real(word: str) -> bool:
    """A keyword hit that is not a false friend ("konstaterar" is no evidence of art)."""
    return not word.casefold().startswith(_false_friends())


def keyword_hits(
    text: str, start: int = 0, end: int | None = None
) -> dict[str, list[tuple[int, int]]]:
    """Theme id → the (start, end) offsets of its keyword hits in ``text[start:end]``."""
    stop = len(text) if end is None else end
    out: dict[str, list[tuple[int, int]]] = {}
    for t, pattern in lexicon():
        hits = [(m.start(), m.end()) for m in pattern.finditer(text, start, stop)]
        hits = [h for h in hits if _real(text[h[0] : h[1]])]
        if hits:
            out[t.id] = hits
    return out


def themes_of_name(name: str) -> list[str]:
    """Theme ids whose label or a keyword occurs in a strategic-area or list name."""
    return list(_themes_of_name(name))


@lru_cache(maxsize=8192)
def _themes_of_name(name: str) -> tuple[str, ...]:
    # headings and names recur for every work under them: match each once
    return tuple(keyword_hits(name))


def themes_of_section(path: Sequence[str]) -> tuple[list[str], int]:
    """Themes of the innermost heading of a section path that names any, and its index
    (-1 when none does): "… › Region Västerbottens bidrag › Energi" → energi, not the
    broader themes a priority chapter's name may also carry."""
    for i in range(len(path) - 1, -1, -1):
        found = themes_of_name(path[i])
        if found:
            return found, i
    return [], -1


def themes_of_text(text: str) -> list[tuple[str, int, int]]:
    """(theme id, start, end) of the first hit of every theme with enough hits in ``text``."""
    out: list[tuple[str, int, int]] = []
    for theme, hits in keyword_hits(text).items():
        if len(hits) >= MIN_LEXICON_HITS or len(text) < 300:
            out.append((theme, hits[0][0], hits[0][1]))
    return out


def themes_with_evidence(
    text: str,
    spans: Iterable[tuple[int, int]],
    exclude: Sequence[tuple[int, int]] = (),
) -> dict[str, tuple[int, int]]:
    """Themes with at least MIN_SENTENCE_HITS keyword hits (a multi-word keyword counts as
    two) across the sentence ``spans`` of
    ``text`` (hits inside ``exclude``, e.g. organisation names such as "Sveriges
    lantbruksuniversitet", do not count) → the span of the sentence with the first hit."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    excluded = sorted(exclude)
    starts = [a for a, _ in excluded]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and excluded[i][0] <= pos < excluded[i][1]

    for s, e in sorted(set(spans)):
        for theme, hits in keyword_hits(text, s, e).items():
            kept = [h for h in hits if not inside(h[0])]
            if kept:
                # a multi-word keyword ("fysisk planering") is specific enough to count twice
                counts[theme] += sum(2 if " " in text[a:b] else 1 for a, b in kept)
                first.setdefault(theme, (s, e))
    return {t: first[t] for t, n in counts.items() if n >= MIN_SENTENCE_HITS}


def dominant(counts: Counter[str]) -> list[str]:
    return [k for k, _ in counts.most_common(3)]
