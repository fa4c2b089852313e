"""Recover a report's outline: priority chapters, sub-headings, strategic areas, lists.

Headings in PDF text are short lines without a final period. A heading that recurs under
two or more sub-headings of one chapter is a strategic area (Digitalisering, Energi, …).
Inside a "Fasta samverkansytor" list every heading + paragraph is an arena; inside
"Ett urval av insatser inom …" / "Exempel på aktiviteter" an initiative; inside
"Aktuella Agenda 2030-mål" every "Mål N: …" line an SDG link of the enclosing area.
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.doc import AreaRef, Item, Line, Outline
from loaders.gazetteer import load_toml
from ontology.ids import make_id, slug
from ontology.model import EntityType
from ontology.reference import municipalities, themes


class _Rules:
    def __init__(self) -> None:
        spec = load_toml("structure.toml")
        counties = "|".join(
            sorted(
                {
                    c.removesuffix(" län").removesuffix("s")
                    for c in (m.county for m in municipalities())
                }
            )
        )
        self.chapter = [
            re.compile(p.pattern.replace("{county}", counties)) for p in _compile(spec["chapter"])
        ]
        self.subheading = _compile(spec["subheading"])
        self.lists = {
            "arena": _compile(spec["arena_list"]),
            "project": _compile(spec["project_list"]),
            "sdg": _compile(spec["sdg_list"]),
        }
        self.sdg_item = re.compile(str(spec["sdg_item"]))
        self.area_section = re.compile(str(spec["area_section"]))
        self.end_of_body = _compile(spec["end_of_body"])
        self.page_sections = _compile(spec["page_sections"])
        self.record_field = re.compile(str(spec["record_fields"]))
        self.record_label = re.compile(str(spec["record_labels"]))
        heading = spec["heading"]
        assert isinstance(heading, dict)
        self.max_chars = int(heading["max_chars"])
        self.max_words = int(heading["max_words"])


def _compile(patterns: object) -> list[re.Pattern[str]]:
    assert isinstance(patterns, list)
    return [re.compile(str(p)) for p in patterns]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


@lru_cache(maxsize=1)
def theme_words() -> frozenset[str]:
    """Theme labels and single-word keywords: a heading equal to one names a strategic area."""
    words = {t.label_sv.casefold() for t in themes()}
    words |= {k.casefold() for t in themes() for k in t.keywords if len(k) > 4 and " " not in k}
    return frozenset(words)


def _any(patterns: list[re.Pattern[str]], text: str) -> bool:
    return _joined(tuple(p.pattern for p in patterns)).fullmatch(text) is not None


@lru_cache(maxsize=64)
def _joined(sources: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for a list of patterns (checked once per line, thousands of lines);
    a leading "(?i)" becomes a scoped "(?i:…)" so the flags stay with their pattern."""
    parts = [f"(?i:{src[4:]})" if src.startswith("(?i)") else f"(?:{src})" for src in sources]
    return re.compile("|".join(parts) or "(?!)")


_BULLET = re.compile(r"^[-•*·–]\s")
# A bullet and its spaces at a line's start, matched at an offset (no "^" with pos).
BULLET_LEAD = re.compile(r"[ \t]*[•*·–-][ \t]+")
# "• Kulturchefsnätverket i Västerbotten – sammankallas av …": a bullet item's title.
_BULLET_DASH = re.compile(r"^[•·*-][ \t]+([A-ZÅÄÖ][^–\n:]{2,80}?)[ \t]+[–-][ \t]+(\S.*)$")
# "- Fjärrvärmelyftet Inland, där sex kommuner …": a name in capitals before a relative
# clause or an apposition opens a bullet item of a list of initiatives.
_BULLET_COMMA = re.compile(
    r"^[•·*–-][ \t]+([A-ZÅÄÖ][\wåäö]+(?:[ –-](?:[A-ZÅÄÖ0-9][\wåäö–-]*|i|på|för|och))*?)"
    r",[ \t]+((?:där|som|ett|en)\b.*)$"
)
# "– Northern Sparsely Populated Areas (NSPA): nätverk för …": a bullet item's label.
_BULLET_COLON = re.compile(r"^[•·*–-][ \t]+([A-ZÅÄÖ][^:\n]{2,80}?):[ \t]+(\S.*)$")
# "5.2 Digital infrastruktur": the section number is no part of an area's or chapter's name.
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?[ \t]+(?=[A-ZÅÄÖ])")
# "Kapitel 5. Besöksnäring och kultur", "5 Ett tillgängligt Norrbotten": a chapter heading.
_CHAPTER_NUMBER = re.compile(r"^(?:Kapitel\s+)?\d{1,2}\.?[ \t]+[A-ZÅÄÖ]")
_CHAPTER_WORD = re.compile(r"^Kapitel\s+")
# "- Mål 4 God utbildning för alla": a goal line, with or without a bullet.
_GOAL_BULLET = re.compile(r"^[-•*·–][ \t]+")


def _goal(line: Line) -> bool:
    return rules().sdg_item.match(_GOAL_BULLET.sub("", _label(line))) is not None


# "Tabell 5.1 Urval av insatser …": a caption, never what a section is about.
CAPTION = re.compile(r"^(?:Tabell|Figur|Diagram|Bild|Karta|Källa)\b")
# "4.2 Transporter och mobilitet": a section numbered below a chapter.
_SUBSECTION = re.compile(r"\d{1,2}\.\d{1,2}\b")
# "2. Gränslös vård i Tornedalen", "1.4 Förstudie X": a list number before a title.
ENUMERATION = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+(?=[A-ZÅÄÖ])")
# "Projektägare: Region Norrbotten", "Total budget: 2 140 000", "EU-stöd (ERUF): 1 391 000":
# a field of the item above, never an item of its own.
FIELD_LINE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ ()/-]{1,40}?:[ \t]+\S")
_BOLD_LABEL = re.compile(
    r"^(?:\d{1,2}[.)]\s+|[-•]\s+)?\*\*([^*\n:]{2,80}?):?\*\*:?[ \t]*(?:[–-][ \t]*)?(\S.*)?$"
)


def _field(line: Line) -> bool:
    return rules().record_field.match(line.text) is not None


def _wrapped(first: Line, second: Line) -> bool:
    """Two heading lines of one title: no blank line between, a lower-case or name word
    closing the first ("Hållbara fjälldestinationer i Södra" / "Lappland")."""
    return (
        second.start - first.end == 1
        and len(first.text) + len(second.text) <= 90
        and not FIELD_LINE.match(second.text)  # "Delområde: Aurora" is a field, not a title
    )


def is_heading(text: str) -> bool:
    """A short line that starts like a title and does not end like a sentence."""
    r = rules()
    if len(text) > r.max_chars or len(text.split()) > r.max_words:
        return False
    if not text or text[-1] in ".,;:!?" or _BULLET.match(text):  # "#" alone: no heading
        return False
    if "   " in text:
        return False  # a row of a space-aligned table
    first = text.lstrip('#* "“')[:1]
    return first.isupper() or first.isdigit()


_NUMBERED = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-ZÅÄÖ]")


def _level(body: str) -> int:
    """Markdown "## X" → 2; a numbered heading "2.3 Övriga samverkansytor" → 2 (its depth)."""
    if body.startswith("#"):
        return len(body) - len(body.lstrip("#"))
    numbered = _NUMBERED.match(body)
    return numbered.group(1).count(".") + 1 if numbered else 0


# "--- Partnerskapet och LAG ---", "=== Beviljade 2024 ===": a section title set off by rules.
_RULED = re.compile(r"([-=–—_*]{3,})[ \t]*(\S.*?)[ \t]*\1")


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw.strip()
        ruled = _RULED.fullmatch(body)
        if ruled and is_heading(ruled.group(2)):
            start = pos + raw.index(body) + ruled.start(2)
            lines.append(Line(start, start + len(ruled.group(2)), ruled.group(2), True, ruled=True))
        elif body:
            start = pos + raw.index(body)
            # An indented line or one with column gaps is a table row or a wrapped cell.
            tabular = raw.startswith("    ") or "   " in body
            heading = not tabular and is_heading(body.lstrip("#").strip())
            level = _level(body) if heading or body.startswith("#") else 0
            lines.append(Line(start, start + len(body), body.lstrip("#").strip(), heading, level))
        pos += len(raw) + 1
    return lines


def _depth(label: str) -> int:
    """How deep a heading's section number goes: "3. Insatser" 1, "4.3 Projekt" 2, none 0."""
    m = _SECTION_NUMBER.match(label)
    return m.group(0).strip().rstrip(".").count(".") + 1 if m else 0


def _label(line: Line) -> str:
    return line.text.strip("*# ").strip()


def _key(text: str) -> str:
    return slug(text)


def _area_names(lines: list[Line], implicit: set[int]) -> set[tuple[int, str]]:
    """(chapter index, heading key) pairs naming strategic areas.

    An area heading is the first heading after a sub-heading, or any heading directly
    inside the Agenda 2030 sub-section (each there introduces one area's SDG list).
    """
    r = rules()
    found: set[tuple[int, str]] = set()
    chapter, sub, first = -1, "", False
    # Under a sub-heading that is itself a list ("Ett urval av insatser i länet") the first
    # heading is an area only when a nested list header follows it ("Ett urval av insatser
    # inom energi"); otherwise it is the list's first item.
    pending: tuple[int, str] | None = None
    for line in lines:
        if not (line.heading or r.sdg_item.match(_label(line))):
            continue
        label = _label(line).rstrip(":")
        if _any(r.end_of_body, label):
            break
        is_list = any(_any(p, label) for p in r.lists.values())
        if pending and _list_subheading(label):
            found.add(pending)  # an SDG list after one item closes the list it is in
        pending = None
        if _any(r.chapter, label) or line.start in implicit:
            chapter, sub, first = chapter + 1, "", False
        elif _any(r.subheading, label):
            sub, first = label, True
        elif is_list or r.sdg_item.match(label):
            first = False
        elif sub and (first or r.area_section.fullmatch(sub)):
            if first and _list_subheading(sub):
                pending = (chapter, _key(label))
            else:
                found.add((chapter, _key(label)))
            first = False
    return found


def _list_subheading(label: str) -> bool:
    return any(_any(p, label) for k, p in rules().lists.items() if k != "sdg")


def implicit_chapters(lines: list[Line]) -> set[int]:
    """Starts of chapters that no chapter pattern names: when the recurring sub-headings
    start over (or start for the first time), the heading just above them is a chapter."""
    r = rules()
    starts: set[int] = set()
    seen: set[str] = set()
    have_chapter = False
    previous: Line | None = None
    for line in lines:
        if not line.heading:
            continue
        label = _label(line).rstrip(":")
        if _any(r.end_of_body, label):
            break
        if _any(r.chapter, label):
            have_chapter, seen = True, set()
        elif _any(r.subheading, label) and not _list_subheading(label):
            # A sub-heading that is also a list ("Ett urval av insatser i länet") may recur
            # under every strategic area of one chapter: only the others start chapters over.
            if (label in seen or not have_chapter) and previous is not None:
                starts.add(previous.start)
                have_chapter, seen = True, set()
            seen.add(label)
            previous = None
            continue
        if not r.sdg_item.match(label) and not any(_any(p, label) for p in r.lists.values()):
            previous = line
    return starts


class _Walker:
    """One pass over the lines, tracking chapter → sub-heading → area → list."""

    def __init__(self, lines: list[Line], strategy_id: str) -> None:
        self.lines = lines
        self.strategy_id = strategy_id
        self.implicit = implicit_chapters(lines)
        self.area_keys = _area_names(lines, self.implicit)
        self.chapter = -1
        self.priority: tuple[str, str] | None = None
        self.sub: str | None = None
        self.area: AreaRef | None = None
        self.mode: str | None = None
        self.items: list[Item] = []
        self.priorities: list[tuple[str, str, int]] = []
        self.areas: dict[str, AreaRef] = {}
        self.area_lines: list[tuple[int, str]] = []
        self.section_at: list[tuple[int, tuple[str, ...]]] = []
        self.ended = False
        self.last_heading: Line | None = None
        # The latest heading outside any list: what a list block below it is about.
        self.open_heading: Line | None = None
        self.prev_open_heading: Line | None = None
        self.chapter_heading: Line | None = None  # "Kapitel 5. …", "5 Ett tillgängligt …"
        self.next_line: Line | None = None
        self.area_from_sdg = False  # the area was named only by the SDG list's fallback
        self.area_level = 0  # level of the numbered heading that opened the area, if any
        self.list_level = 0  # markdown level of the list header in force
        self.list_depth = 0  # depth of the list header's section number ("3." 1, "4.3" 2)
        self.list_caps = False  # the list header is in capitals: the next such heading ends it
        self.list_from = 0  # index of the first item of the list in force
        self.index = 0
        self.in_records = False  # "project" mode opened by a record title, not a list header
        self.title_end = -1  # end of a record title wrapped over two lines

    def path(self) -> tuple[str, ...]:
        parts = [
            self.priority[1] if self.priority else None,
            self.sub,
            self.area.name if self.area else None,
        ]
        return tuple(p for p in parts if p)

    def run(self) -> Outline:
        for i, line in enumerate(self.lines):
            self.index = i
            self.next_line = self.lines[i + 1] if i + 1 < len(self.lines) else None
            if line.heading and _CHAPTER_NUMBER.match(line.text):
                self.chapter_heading = line
            if line.ruled or (line.level and line.level <= self.list_level):
                self.mode, self.list_level = None, 0  # "## § 115 …" closes "## § 114 …"'s list
                self.in_records = False
            subsection = line.heading and _SUBSECTION.match(line.text) is not None
            if subsection:
                self._next_section(line)
            if line.heading and self._closes_list(line, by_depth=not subsection):
                self.mode = None
            if self.list_caps and line.heading and _label(line).isupper():
                self.mode, self.list_caps = None, False  # "FINANSIERING" closes "ARBETSGRUPPER"
            if (line.heading or self._list_header(line)) and self._structural(line):
                self.section_at.append((line.start, self.path()))
                continue
            self._content(line)
        return Outline(
            self.lines, self.items, self.priorities, self.areas, self.area_lines, self.section_at
        )

    @staticmethod
    def _list_header(line: Line) -> bool:
        if _BULLET.match(line.text):
            return False  # "* Projekt": a menu entry, not a list's header
        label = _label(line).rstrip(":")
        return len(label) < 80 and any(_any(p, label) for p in rules().lists.values())

    def _structural(self, line: Line) -> bool:
        r = rules()
        label = _label(line).rstrip(":")
        if self.ended:
            return True
        if _any(r.end_of_body, label):
            self.ended, self.priority, self.sub, self.area, self.mode = True, None, None, None, None
            return True
        if _any(r.chapter, label) or line.start in self.implicit:
            self.chapter += 1
            pid = make_id(EntityType.PRIORITY, self.strategy_id.split(":", 1)[1], label)
            self.priority = (pid, label)
            self.priorities.append((pid, label, line.start))
            self.sub, self.area, self.mode = None, None, None
            return True
        if _any(r.subheading, label):
            # "Ett urval av insatser i länet" is both a sub-heading and a list of initiatives.
            listed = (k for k, patterns in r.lists.items() if k != "sdg" and _any(patterns, label))
            self.sub, self.area, self.mode = label, None, next(listed, None)
            return True
        for kind, patterns in r.lists.items():
            if _any(patterns, label):
                self.mode, self.list_level = kind, line.level
                self.list_depth = _depth(label)
                self.list_caps = label.isupper()
                self.list_from = len(self.items)
                heading = self.open_heading or self.last_heading
                if kind == "sdg" and self.area is None and heading is not None:
                    # No known area: the heading above the block the SDG list closes names it,
                    # and a chapter without a recognised title is the heading above that.
                    if self.priority is None:
                        chapter = self.chapter_heading or self.prev_open_heading
                        if chapter is not None and chapter is not heading:
                            self._implicit_priority(chapter)
                    if not self._areas_follow():
                        label = _SECTION_NUMBER.sub("", _label(heading))
                        self._enter_area(label, heading.start, "sdg", heading.level)
                        self.area_from_sdg = True
                return True
        if self.priority and (
            (self.chapter, _key(label)) in self.area_keys or label.casefold() in theme_words()
        ):
            # "Kultur" inside an Agenda 2030 list, above its goals, keeps the list open.
            goals_follow = (
                self.mode == "sdg" and self.next_line is not None and _goal(self.next_line)
            )
            self._enter_area(label, line.start, "sdg" if goals_follow else None, line.level)
            return True
        if (
            self.priority
            and self.sub
            and r.area_section.fullmatch(self.sub)
            and not r.sdg_item.match(label)
        ):
            self._enter_area(label, line.start)
            return True
        return False

    def _closes_list(self, line: Line, by_depth: bool) -> bool:
        """ "4. Indikatorer" after the items of "3. Insatser" (a heading of the list header's
        depth); "Nyheter" after a page's "Arbetsgrupper" (a section of the page itself)."""
        if self.mode not in ("arena", "project"):
            return False
        label = _label(line)
        if by_depth and self.list_depth and 0 < _depth(label) <= self.list_depth:
            return True
        return not self.in_records and _any(rules().page_sections, label)

    def _next_section(self, line: Line) -> None:
        """ "4.2 Transporter och mobilitet" after "4.1 Energi" and its lists: a numbered
        section closes an unnumbered list ("Ett urval av insatser") and the area of its rank."""
        if self.mode in ("arena", "project") and not self.list_level and not self.in_records:
            self.mode = None
        if self.area is not None and 0 < line.level <= self.area_level:
            self.area, self.area_from_sdg = None, False

    def _areas_follow(self) -> bool:
        """ "Aktuella Agenda 2030-mål" followed by "Kultur" and its goals: the areas are named
        inside the list."""
        nxt = self.next_line
        return nxt is not None and nxt.heading and not _goal(nxt)

    def _implicit_priority(self, line: Line) -> None:
        label = _SECTION_NUMBER.sub("", _CHAPTER_WORD.sub("", _label(line)))
        pid = make_id(EntityType.PRIORITY, self.strategy_id.split(":", 1)[1], label)
        self.priority = (pid, label)
        self.priorities.append((pid, label, line.start))

    def _enter_area(self, label: str, start: int, mode: str | None = None, level: int = 0) -> None:
        pid, pname = self.priority or ("", "")
        self.area_level = level
        scope = pid.split(":", 1)[1] if pid else self.strategy_id.split(":", 1)[-1]
        aid = make_id(EntityType.STRATEGIC_AREA, scope, label)
        self.area = self.areas.setdefault(aid, AreaRef(aid, label, pid, pname))
        self.area_lines.append((start, aid))
        self.mode = mode

    def _record_title(self) -> Line | None:
        """The title a project record opens with: this heading (and its wrapped second line)
        right above an owner field ("Projektägare: …")."""
        line = self.lines[self.index]
        if not line.heading or FIELD_LINE.match(line.text) or line.start < self.title_end:
            return None
        if rules().record_label.fullmatch(_label(line)):
            return None  # "Projektfakta" over the fields of the page's own project
        after = self.lines[self.index + 1 : self.index + 3]
        if after and _field(after[0]):
            return line
        if len(after) == 2 and _wrapped(line, after[0]) and _field(after[1]):
            second = after[0]
            return Line(line.start, second.end, f"{line.text} {second.text}", True, line.level)
        return None

    def _records(self, line: Line) -> bool:
        """Project records outside any list; True when the line was used."""
        if line.start < self.title_end:
            return True  # the second line of a wrapped record title
        title = self._record_title() if self.mode is None or self.in_records else None
        if title is None:
            if self.in_records and line.heading and not FIELD_LINE.match(line.text):
                self.mode, self.in_records = None, False
            return False
        self.mode, self.in_records, self.title_end = "project", True, title.end
        self._new_item("project", title)
        self.items[-1].record = True
        return True

    def _content(self, line: Line) -> None:
        r = rules()
        if self._records(line):
            return
        if line.heading and not r.sdg_item.match(_label(line)):
            self.last_heading = line
            if (
                self.mode == "sdg"
                and self.items
                and self.items[-1].kind == "sdg"
                and not (self.next_line and _goal(self.next_line))
            ):
                # "Arbetsmarknad och etablering" after the goals: the next area's heading.
                self.mode, self.area, self.area_from_sdg = None, None, False
            if self.mode is None and not CAPTION.match(line.text):
                self.prev_open_heading, self.open_heading = self.open_heading, line
        if self.mode == "sdg":
            if line.heading and not _goal(line) and self.next_line and _goal(self.next_line):
                # "Kultur" above "- Mål 4 …": the area the goals below it belong to.
                self._enter_area(_SECTION_NUMBER.sub("", _label(line)), line.start, "sdg")
                self.area_from_sdg = True
                return
            if _goal(line):
                self._new_item("sdg", line)
            elif self.items and self.items[-1].kind == "sdg" and self._inside_last():
                self.items[-1].body.append(line)
            return
        if self.mode in ("arena", "project"):
            label = (
                None
                if line.heading
                else _BOLD_LABEL.match(line.text)
                or _BULLET_DASH.match(line.text)
                or _BULLET_COLON.match(line.text)
                or _BULLET_COMMA.match(line.text)
            )
            if line.heading and self._after_tight_items(line):
                self.mode = None  # "Aktuellt" after "Arbetsgrupper" and its titled paragraphs
                self.prev_open_heading, self.open_heading = self.open_heading, line
                return
            if label:
                self._label_item(self.mode, line, label)
            elif line.heading and self.items and FIELD_LINE.match(line.text):
                self.items[-1].body.append(line)  # "Lead partner: X" describes the item above
            elif line.heading:
                self._new_item(self.mode, line)
            elif self.items and self._inside_last():
                self.items[-1].body.append(line)

    def _after_tight_items(self, line: Line) -> bool:
        """A heading set off by a blank line below it, where the list's items so far each had
        their text on the very next line ("Valideringsgruppen" / "Arbetsförmedlingen leder …"):
        a new section of the page, not the list's next item."""
        if self.list_level or self.list_caps or self.in_records or FIELD_LINE.match(line.text):
            return False
        own = self.items[self.list_from :]
        nxt = self.next_line
        if len(own) < 2 or nxt is None or nxt.start == line.end + 1:
            return False  # one tight item is no pattern yet (the corpus mixes both forms)
        return all(it.body and it.body[0].start == it.title.end + 1 for it in own)

    def _inside_last(self) -> bool:
        last = self.items[-1]
        return last.section_path == self.path() and last.kind == (self.mode or last.kind)

    def _label_item(self, kind: str, line: Line, m: re.Match[str]) -> None:
        """ "**Europaforum Norra Sverige:** Ordföranden rapporterade …" and "1. **Arctic Drone
        Hub** – Medfinansiering …": a bold label opens an item, the rest is its body."""
        offset = line.end - len(line.text)
        title = Line(offset + m.start(1), offset + m.end(1), m.group(1), True)
        self._new_item(kind, title)
        self.items[-1].labelled = True
        if m.group(2):
            body = Line(offset + m.start(2), line.end, m.group(2), False)
            self.items[-1].body.append(body)

    def _new_item(self, kind: str, line: Line) -> None:
        number = ENUMERATION.match(line.text) if kind != "sdg" else None
        if number:  # "2. Gränslös vård i Tornedalen": the list number is no part of the name
            start = line.end - len(line.text) + number.end()
            line = Line(start, line.end, line.text[number.end() :], line.heading, line.level)
        area = self.area.id if self.area else None
        self.items.append(Item(kind, line, [], self.path(), area))


def outline(text: str, strategy_id: str) -> Outline:
    """The outline of a cleaned text (offsets index the cleaned text)."""
    return _Walker(split_lines(text), strategy_id).run()


def section_path_at(out: Outline, pos: int) -> tuple[str, ...]:
    """The section path in force at cleaned offset ``pos``."""
    current: tuple[str, ...] = ()
    for start, path in out.section_at:
        if start > pos:
            break
        current = path
    return current


def area_at(out: Outline, pos: int) -> str | None:
    """The strategic area id in force at cleaned offset ``pos`` (None outside areas)."""
    current: str | None = None
    for start, aid in out.area_lines:
        if start > pos:
            break
        current = aid
    return current
