"""Which arena or project a sentence is about.

A relation cue ("sammankallar", "finansieras av") only links an organisation to an arena or
project when the sentence is about one. In order of trust:

1. an arena/project named in the sentence: the one on the far side of the cue from the
   organisation ("A deltar i X som drivs av B"); one listed beside the organisations yields
   to an anaphor ("I det nya projektet deltar A och B (Region 10)"), and one inside a
   participant list ("utbyte mellan Region X och Umeåregionen") to the rules below;
2. for a sentence opening with "Som …", the work named just before it;
3. the structured list item whose description holds the sentence;
4. the section under a heading that names one;
5. an anaphor ("projektet", "nätverket", "detta projekt", "Det drivs av") resolved to the
   latest arena/project of the matching kind;
6. the document's own subject, when the page is about one arena/project.

A name also counts in its definite or genitive form ("Näringslivschefsträffarna"), with an
optional shared-part hyphen ("Vård- och omsorgscollege") and, for a descriptive name of three
or more words, with a lower-case initial ("ett nytt strategiskt råd för samhällsbyggnad").

A sentence that names none of these is about something else and yields no relation (an
earlier mention in the same paragraph was measured to add more wrong relations than right).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from loaders.gazetteer import load_toml
from ontology.model import EntityType

# Name occurrences shorter than this are too ambiguous to count as a mention of the work.
MIN_NAME_CHARS = 4
# Words a name needs before its lower-case form counts as a mention too (a one- or two-word
# name such as "Partnerskapet" or "Nätverk kultur" is an ordinary phrase in lower case).
MIN_LOWER_WORDS = 3
# An anaphor looks back this far for the work it refers to (a report section).
ANAPHOR_WINDOW = 3000
ANAPHOR_PENALTY = 0.05
SECTION_PENALTY = 0.05
CONTINUATION_WINDOW = 400
_CONTINUATION = re.compile(r"\s*Som\s")
SECTION_CHARS = 2500
# Letters a heading may carry besides the name ("(RIP)", "Projektet", a year).
HEADING_SLACK = 12
_NOT_BEFORE_NAME = r"(?!\s+(?-i:[\"*“]?[A-ZÅÄÖ0-9]))"
FOCUS_PENALTY = 0.1
PROJECT_KIND = EntityType.PROJECT.value  # the kinds are EntityType values
_FIELD_START = re.compile(r"[A-ZÅÄÖ][\wåäö -]{1,30}:[ \t]")
_PROJECT_FIELD = re.compile(
    r"(?im)^[ \t]*(?:projektägare|projektperiod|projekttid|projektpartner|lead partner|sökande)"
    r"[ \t]*:"
)
# "finansieras av", "drivs av", "samordnades av" right before a name: the name is the agent.
_PASSIVE_AGENT = re.compile(r"\b[a-zåäö]{2,}(?:as|es|ts|ds|des|ades) av\s+$")
_RELATIVE = re.compile(r"(?:\s*\([^()]{1,20}\))?,?\s+som\s+")
PARAGRAPH_PENALTY = 0.1
NEWS_PARAGRAPH_CHARS = 500
TOPIC_LEAD_CHARS = 40  # "Interregprojektet " / "Under året har projektet " before the name
ANAPHOR_HEAD_CHARS = 30
_SHARED_PART = re.compile(r"-? och ")
_INFLECTION = r"(?:na|en|et|n|t)?s?"
_HAS_CAPITAL = re.compile(r"[A-ZÅÄÖ0-9]")
_NAME_SHAPE = re.compile(r"[A-ZÅÄÖ]{2,}|\d|[a-zåäö][A-ZÅÄÖ]|-|.{7,}")


@dataclass(frozen=True)
class Anaphor:
    pattern: re.Pattern[str]
    kind: str  # "Arena", "Project" or "any": the kind of work the anaphor points back at


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
    inferred: bool = False  # from an anaphor, a heading or the page subject, not named/item


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
        self.sections: list[tuple[int, int, str]] = []

    def named_in(self, s: int, e: int) -> list[tuple[int, int, str]]:
        lo, hi = bisect_left(self.starts, s), bisect_left(self.starts, e)
        return [m for m in self.mentions[lo:hi] if m[1] <= e]

    def target(
        self, s: int, e: int, cue_start: int, org_start: int, listing: bool = False
    ) -> Target | None:
        """``listing``: the cue lists participants ("mellan A och B"); a work named inside
        that list ("utbyte mellan Region X och Umeåregionen") is a co-participant, never the
        target."""
        named = self._not_agents(self.named_in(s, e))
        if named:
            relative = self._relative_antecedent(named, org_start)
            if relative is not None:
                return _target_at(relative)
            best, across = _nearest_across(named, cue_start, org_start)
            # "I det nya projektet deltar A och 10 kommuner (Region 10)": a work listed
            # beside the organisations is a co-participant; the anaphor names the target.
            if across or (not listing and not self._anaphor_nearer(s, e, best, cue_start)):
                return _target_at(best)
        if _CONTINUATION.match(self.text, s):
            # "Som drivs av A …" continues the previous sentence and its named work.
            found = self._before(s, CONTINUATION_WINDOW, "any")
            return Target(found, ANAPHOR_PENALTY, -1, -1, inferred=True) if found else None
        item = self.item_at(s, e)
        if item is not None:
            return item
        for hs, he, eid in self.sections:
            if hs <= s and e <= he + 1:
                return Target(eid, SECTION_PENALTY, -1, -1, inferred=True)
        kind = self._anaphor(s, e) or (PROJECT_KIND if self._fact_box(s) else None)
        if kind is not None:
            # On a page about one work, "Projektet" is that work, not one another paragraph
            # mentions; a work of that kind named in the same paragraph is nearer still.
            own = self.focus if self.focus and self.kinds.get(self.focus) == kind else None
            here = self._before(s, s - self.text.rfind("\n\n", 0, s), kind)
            found = here or own or self._before(s, ANAPHOR_WINDOW, kind) or self.focus
            if found:
                return Target(found, ANAPHOR_PENALTY, -1, -1, inferred=True)
        topic = self._paragraph_topic(s)
        if topic:  # "Interregprojektet X ska … På svenska sidan deltar A och B som partner."
            return Target(topic, PARAGRAPH_PENALTY, -1, -1, inferred=True)
        if self.focus:  # a page about one work: its unattributed cues are about it
            return Target(self.focus, FOCUS_PENALTY, -1, -1, inferred=True)
        topic = self._previous_topic(s)
        return Target(topic, PARAGRAPH_PENALTY, -1, -1, inferred=True) if topic else None

    def _fact_box(self, s: int) -> bool:
        """A field line in a block of project fields ("Projektägare: …" / "Finansiärer: …")
        speaks of the project the box belongs to, as "projektet" would."""
        p0 = self.text.rfind("\n\n", 0, s)
        p1 = self.text.find("\n\n", s)
        box = self.text[max(0, p0) : len(self.text) if p1 < 0 else p1]
        field = _FIELD_START.match(self.text, s) is not None
        return field and _PROJECT_FIELD.search(box) is not None

    def _paragraph_topic(self, s: int) -> str | None:
        """The work a paragraph opens with, when it names no other before the sentence: a
        news item or an item text that names its subject first ("Interregprojektet X ska …")."""
        p0 = self.text.rfind("\n\n", 0, s)
        p0 = 0 if p0 < 0 else p0 + 2
        lo, hi = bisect_right(self.starts, p0 - 1), bisect_right(self.starts, s - 1)
        named = self.mentions[lo:hi]
        ids = {eid for _, _, eid in named}
        if len(ids) != 1:
            return None
        if named[0][0] - p0 > TOPIC_LEAD_CHARS and not self._news_topic(p0, named[0][0]):
            return None
        return ids.pop()

    def _previous_topic(self, s: int) -> str | None:
        """A paragraph that names no work goes on about the one work the paragraph before it
        named ("Nu bildar … X – ett forum …" / "… Umeå kommun håller i samordningen")."""
        p0 = self.text.rfind("\n\n", 0, s)
        if p0 < 0:
            return None
        p1 = self.text.find("\n\n", s)
        p1 = len(self.text) if p1 < 0 else p1
        if bisect_left(self.starts, p0) != bisect_left(self.starts, p1):
            return None  # the paragraph names a work of its own
        if _OWN_TOPIC.match(self.text, p0 + 2) or _SAYS.search(self.text, p0, p1):
            return None  # a titled paragraph, or a quote: "– … säger X, ordförande i Y."
        before = self.text.rfind("\n\n", 0, p0)
        lo, hi = bisect_left(self.starts, before + 2), bisect_left(self.starts, p0)
        ids = {eid for _, _, eid in self.mentions[lo:hi]}
        return ids.pop() if len(ids) == 1 else None

    def _news_topic(self, p0: int, pos: int) -> bool:
        """A short paragraph (a news item) names its subject in its first sentence: "Den 28
        augusti samlades … för att bilda Butiksnätverket Västerbotten. … Förutom butikerna
        deltar A och B." Long report paragraphs name works in passing."""
        p1 = self.text.find("\n\n", p0)
        p1 = len(self.text) if p1 < 0 else p1
        first_end = self.text.find(". ", p0, p1)
        return p1 - p0 <= NEWS_PARAGRAPH_CHARS and 0 <= pos < first_end

    def opens_with_anaphor(self, s: int, e: int) -> bool:
        """ "Projektet genomförs tillsammans med …": the sentence's subject points back."""
        head = self.text[s : min(e, s + ANAPHOR_HEAD_CHARS)]
        return any(a.pattern.match(head) for a in anaphors())

    def _not_agents(self, named: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """ "en förstudie som Torsta AB äger och som finansieras av Landsbygdsnätverket": a
        work named as the agent of a passive verb acts; it is no target of the sentence."""
        acting = [m for m in named if _PASSIVE_AGENT.search(self.text, max(0, m[0] - 40), m[0])]
        return [m for m in named if m not in acting] if len(acting) < len(named) else named

    def _relative_antecedent(
        self, named: list[tuple[int, int, str]], org_start: int
    ) -> tuple[int, int, str] | None:
        """ "projektet X, som Region Västerbotten driver": the organisation is the subject of
        a relative clause whose antecedent is the work named right before it."""
        for m in named:
            if m[1] <= org_start and _RELATIVE.fullmatch(self.text, m[1], org_start):
                return m
        return None

    def item_at(self, s: int, e: int) -> Target | None:
        """The structured list item whose description holds the sentence."""
        for ts, te, eid in self.items:
            if ts <= s and e <= te + 1:
                return Target(eid, 0.0, -1, -1)
        return None

    def add_sections(self, headings: Iterable[tuple[int, int]]) -> None:
        """A heading that names an arena/project scopes the text below it, up to the next
        heading (bounded: a long chapter drifts to other subjects)."""
        heads = sorted(headings)
        for i, (hs, he) in enumerate(heads):
            named = [m for m in self.named_in(hs, he) if covers(m, hs, he, self.text)]
            if not named:
                continue
            nxt = heads[i + 1][0] if i + 1 < len(heads) else len(self.text)
            self.sections.append((he, min(nxt, he + SECTION_CHARS), named[0][2]))

    def _anaphor_nearer(self, s: int, e: int, named: tuple[int, int, str], cue_start: int) -> bool:
        """An anaphor nearer the cue than the named work is what the cue speaks of ("I det
        nya projektet deltar A och 10 kommuner (Region 10)"); one in another clause far
        from the cue ("vad partnerskapet har lett till är projektet X, … där A är partner")
        is not."""
        found = self._anaphor_at(s, e)
        if found is None:
            return False
        return abs(found[1] - cue_start) < abs(named[0] - cue_start)

    def _anaphor(self, s: int, e: int) -> str | None:
        """The kind of work an anaphor in the sentence points back at."""
        found = self._anaphor_at(s, e)
        return found[0] if found else None

    def _anaphor_at(self, s: int, e: int) -> tuple[str, int] | None:
        """The first anaphor of the sentence (kind, offset); a word inside a name ("Nätverket
        för fjärrundervisande lärare") is no anaphor, nor one after a work named earlier in
        the same sentence ("projektet X, som …; projektet medfinansieras av …")."""
        sentence = self.text[s:e]
        named = [(ms - s, me - s) for ms, me, _ in self.named_in(s, e)]
        first_named = min((ns for ns, _ in named), default=len(sentence))
        for a in anaphors():
            for m in a.pattern.finditer(sentence):
                inside = any(ns <= m.start() < ne for ns, ne in named)
                if not inside and m.start() < first_named:
                    return a.kind, s + m.start()
        return None

    def _before(self, s: int, window: int, kind: str) -> str | None:
        """The latest work of ``kind`` named before ``s``: "projektet" never points back at a
        network, nor "nätverket" at a project (measured: a looser fallback only adds errors)."""
        lo = s - window
        i = bisect_right(self.starts, s) - 1
        while i >= 0 and self.mentions[i][0] >= lo:
            eid = self.mentions[i][2]
            if kind == "any" or self.kinds.get(eid) == kind:
                return eid
            i -= 1
        return None


# A paragraph that opens with a quote or under a title line of its own.
_OWN_TOPIC = re.compile(r"[–\-”\"]|[^\n.]{1,80}\n")
_SAYS = re.compile(r"\bsäger\b")


def _nearest_across(
    named: list[tuple[int, int, str]], cue_start: int, org_start: int
) -> tuple[tuple[int, int, str], bool]:
    """The named work on the other side of the cue from the organisation, nearest the cue
    ("A deltar i X som drivs av B": X for both A and B), and whether it is across."""
    org_before = org_start < cue_start

    def across(m: tuple[int, int, str]) -> bool:
        return (m[0] > cue_start) if org_before else (m[0] < cue_start)

    best = min(named, key=lambda m: (0 if across(m) else 1, abs(m[0] - cue_start)))
    return best, across(best)


def _target_at(m: tuple[int, int, str]) -> Target:
    return Target(m[2], 0.0, m[0], m[1])


def covers(m: tuple[int, int, str], hs: int, he: int, text: str) -> bool:
    """The mention is (nearly) the whole heading line."""
    rest = text[hs : m[0]] + text[m[1] : he]
    return len(re.sub(r"[\W\d]+", "", rest)) <= HEADING_SLACK


def _distinct(name: str) -> bool:
    """Written like a name: with a capital or a digit (an alias "nätverk" would match every
    network), and several words or one that is no ordinary capitalised word ("DIGIT-PRE",
    "Keystone" can be; a short word such as "Energi" at a sentence start is not)."""
    if not _HAS_CAPITAL.search(name):
        return False
    return " " in name or bool(_NAME_SHAPE.search(name))


def _lower_initial(name: str) -> str | None:
    """A descriptive name written mid-sentence ("Ett nytt strategiskt råd för
    samhällsbyggnad" for "Strategiskt råd för samhällsbyggnad"): several words, and only the
    first letter capitalised, so the lower-case form still reads as that name."""
    words = name.split()
    if len(words) < MIN_LOWER_WORDS or not words[0][:1].isupper():
        return None
    if _HAS_CAPITAL.search(name[1:]):
        return None
    return name[:1].lower() + name[1:]


def name_occurrences(text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    """Every further occurrence of a known arena/project name (longest name first)."""
    usable = {n: eid for n, eid in names.items() if len(n) >= MIN_NAME_CHARS and _distinct(n)}
    for n, eid in list(usable.items()):
        lowered = _lower_initial(n)
        if lowered:
            usable.setdefault(lowered, eid)
    if not usable:
        return []
    # "Vård- och omsorgscollege" and "Vård och omsorgscollege" are one name: the hyphen of
    # a shared word part is optional.
    by_form = {_SHARED_PART.sub(" och ", n): eid for n, eid in usable.items()}
    alternation = "|".join(
        re.escape(n).replace(r"\ och\ ", r"-?\ och\ ")
        for n in sorted(by_form, key=len, reverse=True)
    )
    # A definite or genitive ending on the name's last word ("Näringslivschefsträffarna",
    # "Fyrlänsträffens") still names the work.
    pattern = re.compile(r"(?<![\w-])(" + alternation + r")" + _INFLECTION + r"(?![\w-])")
    return [
        (m.start(), m.end(), by_form[_SHARED_PART.sub(" och ", m.group(1))])
        for m in pattern.finditer(text)
    ]


__all__ = ["Scope", "Target", "anaphors", "covers", "name_occurrences"]
