"""Events: meetings a document describes ("RUS-dialogen … den 29:a maj 2024", "kick-off
26 september i Lycksele") and the organisations that take part in them.

An event needs a meeting cue word (loaders/patterns/events.toml) and a day-and-month date in
the same sentence or in the detail line under it; its place is a municipality named there
(or in the document's first heading when the sentence is in the lead). Organisations in
sentences that name participants or arrangers, and speakers in a programme, become
``participant_in`` the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from loaders.doc import OrgMention
from loaders.gazetteer import gazetteer, load_toml
from loaders.resolve import GraphBuilder
from ontology.ids import make_id
from ontology.model import EntityType, RelationType

E = EntityType
R = RelationType

_RULES = load_toml("events.toml")


def _list(key: str) -> list[Any]:
    value = _RULES[key]
    assert isinstance(value, list)
    return value


def _words(key: str) -> re.Pattern[str]:
    words = _list(key)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(str, words)) + r")(?!\w)", re.I)


def _cue_pattern() -> re.Pattern[str]:
    cues = _list("cue")
    alternation = "|".join(f"(?P<c{i}>{c['pattern']})" for i, c in enumerate(cues))
    prefix, endings = _RULES["prefix"], _RULES["endings"]
    return re.compile(
        rf"(?<![\w-])(?:(?P<prefix>{prefix})-)?(?:{alternation}){endings}(?![\w-])", re.I
    )


_CUE = _cue_pattern()
_LABELS = [str(c["label"]) for c in _list("cue")]
_MONTHS = {str(m): i + 1 for i, m in enumerate(_list("months"))}
_MONTH_DATE = re.compile(
    r"(?<![\w-])(?:den\s+)?(?P<d>\d{1,2})(?::?[ae])?(?:\s*[-–]\s*\d{1,2}(?::?[ae])?)?\s+(?P<m>"
    + "|".join(_MONTHS)
    + r")(?:,?\s+(?P<y>(?:19|20)\d{2}))?(?!\w)",
    re.I,
)
_SLASH_DATE = re.compile(r"(?<![\w/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:\s+(?P<y>(?:19|20)\d{2}))?")
_ISO_DATE = re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")
_DETAIL = re.compile(str(_RULES["detail_line"]), re.I)
_PROGRAMME = re.compile(str(_RULES["programme_head"]), re.I)
_TIME_LINE = re.compile(str(_RULES["time_line"]))
_SPEAKER = _words("speaker_cues")
_PARTICIPANT = _words("participant_cues")
_ARRANGER = _words("arranger_cues")
_STRATEGY = re.compile(str(_RULES["strategy_cue"]))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–-])")
_PROPER_WORD = re.compile(r"(?<![\w-])[A-ZÅÄÖ][\wåäöÅÄÖ]+(?:[ -][A-ZÅÄÖ][\wåäö]+)?(?![\w-])")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


class Host(Protocol):
    """What the document extractor (loaders.pipeline.DocExtractor) offers this stage."""

    text: str
    g: GraphBuilder
    strategy: str | None
    org_at: list[tuple[OrgMention, str]]

    def ev(self, start: int, end: int) -> tuple[str, int, int, str]: ...

    def mention(self, eid: str, start: int, end: int) -> None: ...

    def _municipality(self, place_id: str) -> str: ...


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def iso(self) -> str | None:
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    place_id: str
    name: str


@dataclass(frozen=True)
class EventHit:
    """One cue sentence that names a meeting, with the spans that establish it."""

    cue_start: int
    cue_end: int
    label: str
    prefix: str | None
    window: tuple[int, int]  # the sentence (and its detail line)
    date: DateHit
    place: PlaceHit | None

    def name(self) -> str:
        label = f"{self.prefix}-{self.label.lower()}" if self.prefix else self.label
        when = self.date.iso() or f"{self.date.day} {_month_name(self.date.month)}"
        return " ".join(p for p in (label, self.place.name if self.place else None, when) if p)


def _month_name(month: int) -> str:
    return next(name for name, num in _MONTHS.items() if num == month)


# --- finding dates, places and sentences --------------------------------------------------


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Day-and-month dates in ``text[start:end]``: "den 29:a maj 2024", "29/5 2024", ISO."""
    end = len(text) if end is None else end
    hits: list[DateHit] = []
    for m in _MONTH_DATE.finditer(text, start, end):
        hits.append(_date(m, _MONTHS[m.group("m").lower()]))
    for pattern in (_SLASH_DATE, _ISO_DATE):
        for m in pattern.finditer(text, start, end):
            hits.append(_date(m, int(m.group("m"))))
    valid = [h for h in hits if 1 <= h.month <= 12 and 1 <= h.day <= 31]
    return sorted(valid, key=lambda h: h.start)


def _date(m: re.Match[str], month: int) -> DateHit:
    year = m.group("y")
    return DateHit(m.start(), m.end(), int(m.group("d")), month, int(year) if year else None)


def find_places(text: str, start: int, end: int) -> list[PlaceHit]:
    """Municipalities (any of the 290, genitive too) named in ``text[start:end]``."""
    g = gazetteer()
    hits = []
    for m in _PROPER_WORD.finditer(text, start, end):
        word = m.group(0)
        rec = g.municipality(word)
        if rec is None and " " in word:  # "Lycksele Kommun": the place is the first word
            word = word.split(" ")[0]
            rec = g.municipality(word)
        if rec is not None:
            hits.append(PlaceHit(m.start(), m.start() + len(word), rec.id, rec.name))
    return hits


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``, never crossing a line break."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    start = line_start
    for m in _SENTENCE_END.finditer(text, line_start, line_end):
        if m.end() > pos:
            return start, m.start()
        start = m.end()
    return start, line_end


def next_line(text: str, pos: int) -> tuple[int, int] | None:
    """The next non-empty line after ``pos``."""
    m = re.compile(r"\n\s*\n?\s*([^\n]+)").search(text, pos)
    if m is None:
        return None
    return m.start(1), m.end(1)


def paragraph_at(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (text between blank lines) around ``pos``."""
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def lead_end(text: str) -> int:
    """The end of the title and lead: the first section heading after the first heading."""
    first = re.search(r"\S", text)
    if first is None:
        return 0
    m = re.compile(r"^#{2,}\s", re.M).search(text, first.end())
    return m.start() if m else min(len(text), first.start() + 600)


def title_span(text: str) -> tuple[int, int]:
    first = re.search(r"[^\s#][^\n]*", text)
    return (first.start(), first.end()) if first else (0, 0)


# --- events -------------------------------------------------------------------------------


def event_hits(text: str) -> list[EventHit]:
    """Every cue sentence with a day-and-month date; its place from it or the title."""
    title = title_span(text)
    lead = lead_end(text)
    hits = []
    for m in _CUE.finditer(text):
        window = _window(text, m.start())
        dates = find_dates(text, *window)
        if not dates:
            continue
        places = find_places(text, *window)
        if not places and m.start() < lead:
            places = find_places(text, *title)
        hits.append(
            EventHit(
                m.start(),
                m.end(),
                _label(m),
                m.group("prefix"),
                window,
                _with_year(text, dates[0]),
                places[0] if places else None,
            )
        )
    return hits


def _label(m: re.Match[str]) -> str:
    index = next(i for i, label in enumerate(_LABELS) if m.group(f"c{i}"))
    return _LABELS[index]


def _window(text: str, pos: int) -> tuple[int, int]:
    """The cue's sentence, extended by a following "Datum och plats: …" line."""
    start, end = sentence_at(text, pos)
    following = next_line(text, end)
    if following and _DETAIL.match(text[following[0] : following[1]]):
        end = following[1]
    return start, end


def _with_year(text: str, date: DateHit) -> DateHit:
    """A date without a year takes it from the same day elsewhere, else from the title."""
    if date.year is not None:
        return date
    for other in find_dates(text):
        if other.year and (other.day, other.month) == (date.day, date.month):
            return DateHit(date.start, date.end, date.day, date.month, other.year)
    year = _YEAR.search(text, *title_span(text))
    if year:
        return DateHit(date.start, date.end, date.day, date.month, int(year.group(0)))
    return date


def extract_events(x: Host) -> None:
    """Event entities, their place and strategy, and the organisations taking part."""
    for hit in event_hits(x.text):
        eid = _event_entity(x, hit)
        _place(x, eid, hit)
        _strategy(x, eid, hit)
        _participants(x, eid, hit)


def _event_entity(x: Host, hit: EventHit) -> str:
    name = hit.name()
    para = paragraph_at(x.text, hit.cue_start)
    eid = x.g.entity(
        E.EVENT,
        name,
        eid=make_id(E.EVENT, name),
        attributes={
            "date": hit.date.iso(),
            "place": hit.place.place_id if hit.place else None,
            "description": _description(x.text, para),
        },
        confidence=0.8 if hit.place else 0.7,
    )
    x.mention(eid, hit.cue_start, hit.cue_end)
    return eid


def _description(text: str, para: tuple[int, int]) -> str | None:
    """The event's paragraph, plus the participant categories listed under it."""
    body = " ".join(text[para[0] : para[1]].split())
    categories = participant_categories(text, para[1]) if body.endswith(":") else []
    if categories:
        body += " " + ", ".join(categories)
    return body[:500] or None


def participant_categories(text: str, pos: int) -> list[str]:
    """Short label lines after "deltog företrädare för:" ("Kommun", "Företag", …)."""
    found = []
    for m in re.compile(r"[^\n]*").finditer(text, pos):
        line = m.group(0).strip()
        if not line:
            continue
        if line.startswith("#") or len(line.split()) > 3 or line.endswith((".", ":")):
            break
        found.append(line)
    return found


def _place(x: Host, eid: str, hit: EventHit) -> None:
    if hit.place is None:
        return
    muni = x._municipality(hit.place.place_id)
    x.g.relate(R.LOCATED_IN, eid, muni, 0.8, x.ev(hit.place.start, hit.place.end))


def _strategy(x: Host, eid: str, hit: EventHit) -> None:
    """part_of the document's strategy when the event's paragraph or name names it."""
    if x.strategy is None:
        return
    para = paragraph_at(x.text, hit.cue_start)
    m = _STRATEGY.search(x.text, *para)
    if m:
        x.g.relate(R.PART_OF, eid, x.strategy, 0.75, x.ev(m.start(), m.end()))


def _participants(x: Host, eid: str, hit: EventHit) -> None:
    for start, end, confidence in _participant_spans(x.text, hit):
        for om, org in x.org_at:
            if start <= om.start and om.end <= end and x.g.entities[org].type is E.ORGANISATION:
                x.g.relate(R.PARTICIPANT_IN, org, eid, confidence, x.ev(start, end))


def _participant_spans(text: str, hit: EventHit) -> list[tuple[int, int, float]]:
    """Sentences of the event's paragraph that name participants or arrangers, and the
    speaker lines of a programme the event heads."""
    spans: list[tuple[int, int, float]] = []
    para = paragraph_at(text, hit.cue_start)
    pos = para[0]
    while pos < para[1]:
        start, end = sentence_at(text, pos)
        sentence = text[start:end]
        if _ARRANGER.search(sentence) or _PARTICIPANT.search(sentence):
            spans.append((start, end, 0.75))
        pos = max(end + 1, pos + 1)
    line_start = text.rfind("\n", 0, hit.cue_start) + 1
    if _PROGRAMME.match(text[line_start : hit.cue_start]):
        spans.extend((s, e, 0.8) for s, e in _speaker_lines(text, hit.window[1]))
    return sorted(set(spans))


def _speaker_lines(text: str, pos: int) -> list[tuple[int, int]]:
    """The timed lines of a programme after ``pos`` that name a speaker."""
    lines = []
    for m in re.compile(r"[^\n]*").finditer(text, pos):
        line = m.group(0)
        if not line.strip() or line.lstrip().startswith(("–", "-")):
            continue
        if not _TIME_LINE.match(line):
            break
        if _SPEAKER.search(line):
            lines.append((m.start(), m.end()))
    return lines
