"""Keyword alternations as prefix tries: one regex for many cue words or keywords."""

from __future__ import annotations

import re


def trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words`` with shared prefixes factored out ("sam(?:lar|ordnar)").

    The engine then compares a few letters per position instead of trying every
    alternative; an optional tail is greedy, so the longest word still wins.
    """
    groups: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    branches = [re.escape(c) + trie_pattern(rest) for c, rest in sorted(groups.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body
