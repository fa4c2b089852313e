"""Themes from strategic-area names and the keyword lexicons of data/reference/themes.csv."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ontology.reference import ThemeRecord, themes

SHORT_KEYWORD = 3  # keywords this short (AI, S3) match case-sensitively as whole words
MIN_LEXICON_HITS = 2  # a description needs this many keyword hits to get a lexicon theme


def _keyword_re(keywords: tuple[str, ...]) -> re.Pattern[str]:
    short = [re.escape(k) for k in keywords if len(k) <= SHORT_KEYWORD]
    long = [re.escape(k.lower()) for k in keywords if len(k) > SHORT_KEYWORD]
    parts = []
    if long:
        parts.append(r"(?i:\b(?:" + "|".join(sorted(long, key=len, reverse=True)) + r")\w*)")
    if short:
        parts.append(r"\b(?:" + "|".join(short) + r")\b")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[ThemeRecord, re.Pattern[str]], ...]:
    return tuple((t, _keyword_re((t.label_sv, *t.keywords))) for t in themes())


def themes_of_name(name: str) -> list[str]:
    """Theme ids whose label or a keyword occurs in a strategic-area or list name."""
    return [t.id for t, pattern in lexicon() if pattern.search(name)]


def themes_of_text(text: str) -> list[tuple[str, int, int]]:
    """(theme id, start, end) of the first hit of every theme with enough hits in ``text``."""
    out: list[tuple[str, int, int]] = []
    for t, pattern in lexicon():
        hits = list(pattern.finditer(text))
        if len(hits) >= MIN_LEXICON_HITS or (hits and len(text) < 300):
            out.append((t.id, hits[0].start(), hits[0].end()))
    return out


def dominant(counts: Counter[str]) -> list[str]:
    return [k for k, _ in counts.most_common(3)]
