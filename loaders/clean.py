"""Repair PDF-extraction artefacts while keeping an offset map to the original text.

Page furniture (photo credits, page numbers, table-of-contents lines) is dropped;
paragraphs cut by a page break are re-joined: with no space when the two halves form a
word the document uses elsewhere ("infrastrukt" + "ur"), without the hyphen for
"innovat-" + "ionsledning", and with one space for a sentence cut mid-way.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from loaders.doc import CleanText
from loaders.gazetteer import load_toml
from loaders.offsets import OffsetMap, TextBuilder

_FURNITURE = (
    re.compile(r"^\s*Foto\s*:"),  # photo credits
    re.compile(r"^\s*\d{1,3}\s*$"),  # page numbers
    re.compile(r"\.{4,}\s*\d*\s*$"),  # TOC dot leaders
    re.compile(r"^[^\n.]{2,120}\t\s*\d{1,3}\s*$"),  # TOC "Heading<TAB>8"
    # Running headers/footers with a page number set apart ("Uppföljning 2024     17").
    re.compile(r"^\s*\S[^\n]{2,120}?[ \t]{3,}\d{1,3}\s*$"),
    re.compile(r"^\s*\d{1,3}[ \t]{3,}\S[^\n]{2,120}$"),
    # A page marker closing a running header ("Region X | Uppföljning 2024 | sid 31") or
    # standing alone ("Sida 4 av 12").
    re.compile(
        r"(?i)(?:^|[|–]\s*)(?:sid(?:a|an)?\.?|s\.|page)\s*\d{1,3}(?:\s*(?:av|/|of)\s*\d{1,3})?\s*$"
    ),
)
_WORD = re.compile(r"\w+")
_SENTENCE_END = '.!?:;"”)*'
_DANGLING = frozenset(str(w) for w in load_toml("clean.toml")["dangling_words"])  # type: ignore[attr-defined]


def _is_furniture(line: str) -> bool:
    return any(p.search(line) for p in _FURNITURE)


CELL_INDENT = 8  # leading spaces that make a line a wrapped table cell after a table row


def _paragraphs(text: str) -> list[list[tuple[int, str]]]:
    """Groups of (offset, line) separated by blank lines, furniture removed."""
    paras: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        body = line.strip()
        if not body:
            if current:
                paras.append(current)
                current = []
        elif not _is_furniture(line):
            lead = len(line) - len(line.lstrip())
            if lead >= CELL_INDENT and current and "   " in current[-1][1]:
                # A wrapped table cell ("                  kommun" under "Swedavia, Arvidsjaurs"):
                # its indentation says which column it continues.
                current.append((pos, line.rstrip()))
            else:
                current.append((pos + lead, body))
        pos += len(raw)
    if current:
        paras.append(current)
    return paras


def _join_mode(prev: str, nxt: str, vocab: Counter[str]) -> str | None:
    """How to glue two paragraphs cut by a page break: "" (word), " " (sentence), None."""
    if not prev or not nxt or prev[-1] in _SENTENCE_END:
        return None
    if not nxt[0].islower():
        last = _WORD.findall(prev[-20:])
        if _HEADING_LIKE.fullmatch(nxt):
            return None  # "… att bo, verka och leva i" over the heading "Kultur"
        return " " if last and last[-1] in _DANGLING and nxt[0].isalnum() else None
    head = _WORD.match(nxt)
    if _hyphenated(prev) and head:
        return "-"
    tail = _WORD.search(prev[::-1])
    if tail and head and prev[-1].isalnum():
        tail_word = tail.group(0)[::-1].lower()
        joined = tail_word + head.group(0).lower()
        if vocab[joined] > 0 and (vocab[tail_word] <= 1 or vocab[head.group(0).lower()] <= 1):
            return ""
    return " "


_CONTINUATION = re.compile(r"[a-zåäöé]")
_HEADING_LIKE = re.compile(r"[A-ZÅÄÖ][\wåäö-]*(?: [\wåäö-]+){0,3}")  # a short title line
WRAP_MIN_CHARS = 60
# A narrow column (lines cut at ~55 characters): a line of 85 % of the median cut line's
# length may be cut too; measured only with enough certainly-cut lines to go by.
NARROW_MIN_LINES = 10
NARROW_SHARE = 0.85
WRAP_MAX_CHARS = 130  # a hard-wrapped line is never longer than the page width
_COLUMNS = "   "
_NEW_ITEM = re.compile(r"(?:\d+(?:\.\d+)*\.?\s|[A-ZÅÄÖ][\w ]{0,40}:\s)")  # "3.2 Samverkan", "Mål:"
_COORDINATED = re.compile(r"(?:och|eller|samt)\b")


# A capitalised word cut at its hyphen, the rest of a double name on the next line.
_NAME_HYPHEN = re.compile(r"(?<![\w-])[A-ZÅÄÖ][a-zåäö]{2,}-$")


# A line that ends in a preposition, conjunction or article ends no sentence and no heading:
# "Arenan drivs av Arvidsjaurs kommun i samverkan med" / "Arjeplogs kommun.", however short.
_OPEN_END = re.compile(
    r"\s(?:i|med|av|och|samt|för|till|på|från|om|inom|mellan|där|som|att|en|ett|vid|hos"
    r"|genom|kring|mot|eller|är|har)$"
)


def _hyphenated(line: str) -> bool:
    """The line ends in a word cut by a hyphen ("innovat-", "utbild-")."""
    return line.endswith("-") and len(line) > 1 and line[-2].isalpha()


def _wrap_min(paras: list[list[tuple[int, str]]]) -> int:
    """The shortest line that can be a line cut at the page width: WRAP_MIN_CHARS, or less
    in a narrow column, measured on the lines that go on in lower case (certainly cut)."""
    cut = sorted(len(a[1]) for para in paras for a, b in pairwise(para) if b[1][:1].islower())
    if len(cut) < NARROW_MIN_LINES:
        return WRAP_MIN_CHARS
    return min(WRAP_MIN_CHARS, int(cut[len(cut) // 2] * NARROW_SHARE))


def _wrap_mode(
    prev: str, nxt: str, wrap_min: int = WRAP_MIN_CHARS, mid: bool = False
) -> str | None:
    """A line wrapped inside a paragraph: "utbild-" + "ningsanordnare" joins without the
    hyphen ("Hälso-" + "och sjukvård" keeps it, with a space); a line that does not end a
    sentence followed by one that starts in lower case goes on with a space. None keeps
    the line break (lists, headings, addresses)."""
    if not prev or prev[-1] in _SENTENCE_END or _COLUMNS in prev or _COLUMNS in nxt:
        return None  # lines of a space-aligned table keep their breaks
    if _NAME_HYPHEN.search(prev) and nxt[:1].isupper():
        return "="  # "Hushållningssällskapet Norrbotten-" + "Västerbotten": one name
    if not _CONTINUATION.match(nxt):
        # A long line cut at the page width goes on even before a capital ("Digitala" +
        # "Västerbotten, ett samarbete …"); short lines are headings, names, list items.
        wrapped = (
            (len(prev) >= wrap_min or mid or _OPEN_END.search(prev) is not None)
            and len(nxt) <= WRAP_MAX_CHARS  # an unwrapped paragraph after a heading is longer
            and (nxt[:1].isupper() or nxt[:1] in '("“”')
            and not _NEW_ITEM.match(nxt)
        )
        return " " if wrapped else None
    if _hyphenated(prev):
        return " " if _COORDINATED.match(nxt) else "-"
    return " "


def _glues(para: list[tuple[int, str]], wrap_min: int) -> list[str | None]:
    """How each line of a paragraph joins the next. A line that itself went on from the
    line above is inside running text: "Norrbottens Kommuner, LKAB och Almi" /
    "Företagspartner Nord AB ingår." joins however short it is."""
    glues: list[str | None] = []
    for a, b in pairwise(para):
        mid = bool(glues) and glues[-1] == " " and "," in a[1]
        glues.append(_wrap_mode(a[1], b[1], wrap_min, mid))
    return glues


def clean_text(
    text: str, doc_id: str = "doc", original: str | None = None, base: OffsetMap | None = None
) -> CleanText:
    """Clean ``text``; the result's offsets map back into ``original``.

    ``base`` maps ``text`` into ``original`` when the reader already derived it (HTML);
    without it ``text`` is the original.
    """
    vocab = Counter(w.lower() for w in _WORD.findall(text))
    builder = TextBuilder(len(text))
    paras = _paragraphs(text)
    wrap_min = _wrap_min(paras)
    modes = [_join_mode(a[-1][1], b[0][1], vocab) for a, b in pairwise(paras)]
    modes.append(None)
    for index, para in enumerate(paras):
        glues = [*_glues(para, wrap_min), modes[index]]
        for j, (offset, line) in enumerate(para):
            if j and glues[j - 1] not in ("-", "="):
                builder.insert(" " if glues[j - 1] == " " else "\n", offset - 1)
            builder.copy(line[:-1] if glues[j] == "-" else line, offset)
        mode = modes[index]
        end = para[-1][0] + len(para[-1][1])
        if mode is None and index < len(paras) - 1:
            builder.insert("\n\n", end)
        elif mode == " ":
            builder.insert(" ", end)
    cleaned, offsets = builder.build()
    if base is not None:
        offsets = base.then(offsets)
    return CleanText(doc_id, text if original is None else original, cleaned, offsets)


def identity_clean(original: str, doc_id: str = "doc") -> CleanText:
    """No cleaning (used for tests of later stages on already clean snippets)."""
    return CleanText(doc_id, original, original, OffsetMap.identity(len(original)))
