"""Lists laid out as tables: a header line of column labels, then rows split the same way.

"Projekt – projektägare – prioriterat belopp" over "• Norrbotten Digital Twin – Luleå
tekniska universitet – 14 800 000 kr" says, row by row, which work is named and who owns
it. The column labels (patterns/tables.toml) decide the kind of work and the relation of
the organisations in each role column; columns with other labels (amounts, periods) are
ignored. Offsets index the cleaned text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from loaders.clean import CELL_INDENT  # wrapped cells keep this indentation
from loaders.gazetteer import load_toml
from ontology.model import RelationType

_SEPARATOR = re.compile(r"[ \t]+[–—-][ \t]+|\t+|[ \t]+\|[ \t]+")
# Columns aligned with runs of spaces (pdftotext -layout); then a dash stays inside a cell
# ("Arctic Business Incubator – förstudie     Luleå kommun     1 200 000").
_WIDE = re.compile(r"[ \t]{3,}|\t+")
_BULLET = re.compile(r"[ \t]*(?:[•·*]|-(?=\s)|\d{1,2}[.)])?[ \t]*")
MAX_LABEL_WORDS = 3
MIN_COLUMNS = 2
_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_RULE_ROW = re.compile(r"[ \t]*\|?[ \t:|-]*-[ \t:|-]*\|?[ \t]*")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str
    # A cell wrapped over lines ("Almi Företagspartner" / "Nord AB"): where its first line's
    # part ends; start..end then also spans the other columns between the two parts.
    first_end: int | None = None


@dataclass(frozen=True)
class Row:
    """One table row: the work it names and the organisation cells with their relation."""

    kind: str  # "project", "arena" or "activity" (a project when written like a name)
    name: Cell
    roles: tuple[tuple[RelationType, Cell], ...]
    line: Cell  # the whole row, for evidence


@dataclass(frozen=True)
class _Columns:
    kind: str
    name_index: int
    roles: tuple[tuple[int, RelationType], ...]
    count: int


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, str], dict[str, RelationType], tuple[str, ...]]:
    spec = load_toml("tables.toml")
    names = spec["name_columns"]
    roles = spec["role_columns"]
    markers = spec["partner_markers"]
    assert isinstance(names, dict) and isinstance(roles, dict) and isinstance(markers, list)
    return (
        {str(k): str(v) for k, v in names.items()},
        {str(k): RelationType(str(v)) for k, v in roles.items()},
        tuple(str(m) for m in markers),
    )


@lru_cache(maxsize=1)
def _label_words() -> re.Pattern[str]:
    names, roles, _ = _rules()
    words = sorted({*names, *roles}, key=len, reverse=True)
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def partner_markers() -> tuple[str, ...]:
    return _rules()[2]


def _cells(text: str, start: int, end: int, separator: re.Pattern[str] = _SEPARATOR) -> list[Cell]:
    lead = _BULLET.match(text, start, end)
    pos = lead.end() if lead else start
    out: list[Cell] = []
    for m in separator.finditer(text, pos, end):
        out.append(_cell(text, pos, m.start()))
        pos = m.end()
    out.append(_cell(text, pos, end))
    return [c for c in out if c.text]


def _cell(text: str, start: int, end: int) -> Cell:
    raw = text[start:end]
    stripped = raw.strip(" \t*.;")
    offset = start + raw.find(stripped) if stripped else start
    return Cell(offset, offset + len(stripped), stripped)


def _header(cells: list[Cell]) -> _Columns | None:
    """The columns a header line declares, when it has a name column and a role column."""
    names, roles, _ = _rules()
    if len(cells) < MIN_COLUMNS:
        return None
    if any(len(c.text.split()) > MAX_LABEL_WORDS or re.search(r"\d", c.text) for c in cells):
        return None
    labels = [c.text.casefold() for c in cells]
    name_index = next((i for i, lab in enumerate(labels) if lab in names), None)
    found = tuple((i, roles[lab]) for i, lab in enumerate(labels) if lab in roles)
    if name_index is None or not found:
        return None
    return _Columns(names[labels[name_index]], name_index, found, len(cells))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            spans.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return spans


def table_rows(text: str) -> list[Row]:
    """Every row of every column-labelled table in the text."""
    rows: list[Row] = []
    lines = _lines(text)
    i = 0
    # Lines holding a column label, found in one pass (most lines of a report hold none).
    hits = [m.start() for m in _label_words().finditer(text)]
    while i < len(lines):
        k = bisect_left(hits, lines[i][0])
        if k == len(hits) or hits[k] >= lines[i][1]:
            i += 1
            continue
        if text.startswith("|", lines[i][0]):
            separator = _PIPE  # a markdown table, padded or not
        else:
            separator = _WIDE if _WIDE.search(text, *lines[i]) else _SEPARATOR
        header = _cells(text, *lines[i], separator)
        columns = _header(header)
        i += 1
        if columns is None:
            continue
        starts = [c.start - lines[i - 1][0] for c in header]
        table_rows_before = len(rows)
        while i < len(lines):
            dashes = _DASH_RULE.fullmatch(text, *lines[i]) is not None
            if dashes and table_rows_before < len(rows):
                break  # "-----" under the last row closes the table
            if dashes or _RULE_ROW.fullmatch(text, *lines[i]):
                i += 1  # "|---|---|", "-----": a table's rule under its header
                continue
            cells = _cells(text, *lines[i], separator)
            cut = _cut(text, lines[i], starts) if separator is _WIDE else []
            wrapped = separator is _WIDE and (
                _continues(text, lines[i])
                or _lower_cell(cut)
                or _no_owner(cut, columns, lines[i][0] == lines[i - 1][1] + 1)
                or _no_tail(cut, lines[i][0] == lines[i - 1][1] + 1, rows[table_rows_before:])
            )
            if rows and wrapped:
                rows[-1] = _with_continuation(rows[-1], columns, starts, cells, lines[i][0])
                i += 1
                continue
            if len(cells) != columns.count and separator is _WIDE:
                cells = cut  # "Tillväxtverket (ERUF)  2023–2026"
            if len(cells) != columns.count or _header(cells) is not None:
                break
            if _TOTAL.fullmatch(cells[columns.name_index].text):
                i += 1  # "Summa  10 200 000": the table's total, no work
                continue
            line = Cell(lines[i][0], lines[i][1], text[lines[i][0] : lines[i][1]])
            roles = tuple((rtype, cells[index]) for index, rtype in columns.roles)
            rows.append(Row(columns.kind, _name_part(cells[columns.name_index]), roles, line))
            i += 1
    return rows


# "Kompetensplattform Västernorrland, styrgrupp", "Mittnorden-kommittén (observatör)": the
# part of the work a row speaks of, or a role, after its name.
_NAME_TAIL = re.compile(r"(?:,[ \t]+[a-zåäö][^,]*|[ \t]+\([a-zåäö][^()]*\))$")


_DASH_RULE = re.compile(r"[ \t]*[-=_–—]{10,}[ \t]*")


def _lower_cell(cells: list[Cell]) -> bool:
    """A line cut at the columns with a cell in lower case ("Ö-vik   kommun   norrland"): the
    wrapped rest of the row above, even when its first cell opens with a capital."""
    return any(c.text[:1].islower() for c in cells)


def _no_owner(cells: list[Cell], columns: _Columns, adjacent: bool) -> bool:
    """A line cut at the columns whose owner cell is empty ("Norr    ·    Mineral AB" under
    "Öppna gruvdata  LTU  LKAB, Boliden"): every row names its owner, so this line is the
    wrapped rest of the row above."""
    owner = next((k for k, rtype in columns.roles if rtype is RelationType.LEADS), None)
    if not cells or owner is None or owner >= len(cells) or cells[owner].text:
        return False
    if sum(1 for c in cells if c.text) < 2 and not adjacent:
        return False  # "Tabell 5.1 Insatser" after a blank line: a caption, no wrapped row
    return not _TOTAL.fullmatch(cells[columns.name_index].text)  # "Summa  10 200 000"


def _no_tail(cells: list[Cell], adjacent: bool, rows: list[Row]) -> bool:
    """A line right under a row, cut at the columns, that leaves the last column empty where
    the rows above fill it ("Karlskoga    Park AB" under "Tvillingfabriken  Alfred Nobel
    Science  Vinnova  2026-2028"): the wrapped rest of that row."""
    if not (adjacent and rows and len(cells) > 2) or cells[-1].text:
        return False
    last = rows[-1].line.text.rstrip()
    return len(_WIDE.split(last)) >= len(cells)


_TOTAL = re.compile(r"(?i)(?:summa|totalt?|summa totalt|total sum)")


def _cut(text: str, span: tuple[int, int], starts: list[int]) -> list[Cell]:
    """A row of a space-aligned table cut where the header's columns start, for cells that
    stand closer than the wide separator; [] when the row does not follow the columns."""
    line = text[span[0] : span[1]]
    bounds = [*starts, len(line)]
    cells = []
    for a, b in pairwise(bounds):
        if a >= len(line):
            cells.append(Cell(span[1], span[1], ""))  # the line ends before this column
            continue
        if a > 0 and not line[a - 1 : a].isspace():
            return []  # a word runs across the column edge: not aligned to this header
        cells.append(_cell(text, span[0] + a, span[0] + min(b, len(line))))
    return cells if cells and cells[0].text else []


def _name_part(cell: Cell) -> Cell:
    m = _NAME_TAIL.search(cell.text)
    if m is None:
        return cell
    return Cell(cell.start, cell.start + m.start(), cell.text[: m.start()])


def _continues(text: str, span: tuple[int, int]) -> bool:
    """An indented line under a row is the wrapped rest of its cells; so is one that opens
    in lower case ("  ekonomi 2030         kammare" under "  Hållbar besöks-  Jämtlands
    Handels-"): a work's name starts with a capital."""
    line = text[span[0] : span[1]]
    return text[span[0] : span[0] + CELL_INDENT].isspace() or line.lstrip()[:1].islower()


def _with_continuation(
    row: Row, columns: _Columns, starts: list[int], cells: list[Cell], line_start: int
) -> Row:
    """The row with the wrapped parts of its organisation cells, each put in the column
    whose header starts nearest before it."""
    roles = list(row.roles)
    name = row.name
    by_column = dict(columns.roles)
    for cell in cells:
        column = max(
            (k for k, s in enumerate(starts) if s <= cell.start - line_start + 1), default=0
        )
        if column == columns.name_index:  # "Hållbar besöks-" / "ekonomi 2030"
            name = Cell(name.start, name.end, _joined(name.text, cell.text), name.end)
            continue
        rtype = by_column.get(column)
        if rtype is None:
            continue
        # "Almi Företagspartner" / "Nord AB": the wrapped rest of that column's cell.
        last = max((k for k, (t, c) in enumerate(roles) if t is rtype), default=None)
        if last is not None and not roles[last][1].text.endswith(","):
            prev = roles[last][1]
            first_end = prev.first_end or prev.end
            joined = Cell(prev.start, cell.end, _joined(prev.text, cell.text), first_end)
            roles[last] = (rtype, joined)
        else:
            roles.append((rtype, cell))
    return Row(row.kind, name, tuple(roles), row.line)


def _joined(first: str, rest: str) -> str:
    """ "Jämtlands Handels-" + "kammare" → "Jämtlands Handelskammare"; else with a space."""
    if first.endswith("-") and first[-2:-1].isalpha() and rest[:1].islower():
        # "Väster-" + "norrland" → "Västernorrland"; "ESF-" + "rådet" keeps its hyphen.
        return first + rest if first[-2:-1].isupper() else first[:-1] + rest
    return f"{first} {rest}"


__all__ = ["Cell", "Row", "partner_markers", "table_rows"]
