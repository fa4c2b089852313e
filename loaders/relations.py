"""Relations between organisations and arenas/projects: member_of, leads, partner_in, funds.

Per sentence, every organisation mention takes the relation type of the nearest cue in its
own clause (relations.toml: "sammankallar"/"leds av" → leads, "består av"/"mellan" →
member_of, "i samverkan med" → partner_in, "finansieras av" → funds), on the side the cue
expects it (subject before an active verb, agent after a passive, either side of a role
noun; Swedish verb-second order and "Label: A, B" lists turn the subject side around).
Enumerations yield one relation per listed organisation, also for names no gazetteer knows
("Swedish Lapland Visitors Board") and for plural anaphors ("de båda regionerna"). Which
arena/project the sentence is about comes from loaders/scope.py. A genitive owner
("Tillväxtverkets RKA-grupp", "Vinnovas initiativ Keystone") leads what it names, and a
counted introduction ("Region X driver två projekt. Det ena går under namnet A …") leads
the works named first thing in the sentences after it. Precision guards: "mellan" after a
definite noun ("samarbetet mellan A och B") lists no members, a leading verb "inom X" makes
a member of X, and a project's participants joining another definite thing ("ingår i
samverkansmodellen") are not the project's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from loaders.doc import CleanText, OrgMention, Outline
from loaders.gazetteer import countries, gazetteer, load_toml
from loaders.mentions import programme_name
from loaders.resolve import GraphBuilder
from loaders.scope import Scope, Target, anaphors, covers, name_occurrences
from loaders.structure import BULLET_LEAD
from loaders.trie import trie_pattern
from loaders.works import NUMBER_WORDS, generic_noun, line_end, short_name
from ontology.ids import make_id
from ontology.model import EntityType, OrgType, RelationType
from ontology.reference import given_names

# A bold label ("**Partnerskapet för RUS:** Vid höstens möte …") ends a sentence too.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“*(])|\n+|(?<=:\*\*)[ \t]+|(?<=\*\*:)[ \t]+")
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|•|\n|\bsamt\b|\boch\b)\s*")
_PROPER = re.compile(
    r"^(?:[A-ZÅÄÖ][\wåäöé&.-]*)(?: (?:[A-ZÅÄÖ][\wåäöé&.-]*|i|för|och|of|the|for|de|la))*$"
)
MAX_ITEM_WORDS = 6
_WORD_START = r"(?<![\w-])"
# An active cue followed by an indefinite object speaks of an unnamed work.
_GENERIC_OBJECT = re.compile(
    r"\s+(?:också\s+|även\s+)?(?:ett|en|flera|några|olika|många|två|tre|fyra|fem)\s", re.I
)
OWNER_CONFIDENCE = 0.75
# A work announced by "driver två projekt" and named at the start of a following sentence.
INTRODUCED_CONFIDENCE = 0.75
INTRODUCED_LEAD_CHARS = 40  # "Det ena går under namnet " before the name
_PROJECT_WORD = re.compile(r"(?i)\b\w*projekt(?:et)?\b")
_LABEL = re.compile(r"[ \t]*:")
_LINE_END = re.compile(r"[ \t*?:]*(?:\n|$)")
MAX_LABEL_WORDS = 4
_FIRST_WORD = re.compile(r"\W*(\w+)")
_SKIP_ADVERBS = re.compile(
    r"\s+(?:(?:även|också|bland annat|bland andra|bl\.a\.|till exempel|dessutom|numera|nu)\s+)*"
)
# "deltar alla femton kommuner", "deltar länets kommuner": a grouping right after the verb.
_ENUM_START = re.compile(r"(?:alla|samtliga|länets|de|flera)\s", re.I)
_BARE_WORK = re.compile(
    r"\s+(?:\w+\s+)?(?:nätverk|projekt|forum|råd|plattform|grupp\w*|samarbete)\b(?!\s+[A-ZÅÄÖ])"
)
_DEFINITE = re.compile(r"^[A-ZÅÄÖ][a-zåäöé]+(?:en|et|na)$")
# Words allowed between a subject organisation and its verb cue, list connectors excluded.
MAX_SUBJECT_GAP_WORDS = 6
# Words allowed between a cue and a listed organisation after it, named ones excluded
# ("mellan Region X, kommunerna, Akademi Norr och …" but not "mellan samordnare för … inom X").
MAX_LIST_GAP_WORDS = 12
# Words allowed between a governing cue and the work it names ("Tillväxtverkets satsning").
MAX_OBJECT_GAP_WORDS = 3
_PARTICIPATES = re.compile(
    r"(?i)(?:deltar|deltog|deltagit|medverkar|medverkade|ingår|medverkande\s+organisationer)\b"
)
_AS_PARTNER = re.compile(r"\bsom (?:\w+ )?\w*(?:partners?|parter)\b")  # "som kunskapspartner"
_AND_CLAUSE = re.compile(r"(?:,|\boch) (?=i |I |från |Från |inom |Inom )")
_CLAUSE_BREAK = re.compile(
    r"\b(?:som|att|vilket|vilka|vilken|vars|där|när|eftersom|men|medan)\b|[.;!?]\s"
)
# "med Region Västerbotten som sammankallande": a role, not a relative clause.
_APPOSITION = re.compile(r"\s(?:som|är)\s*$")
_ROLE_NOUN = re.compile(
    r"(?:ande|ägare|tagare|man|partner\w*|värd|ansvarig|medlem\w*|deltagare|arrangör\w*"
    r"|koordinator|finansiär\w*)$"
)
# "ingår i samverkansmodellen": a membership cue's object in the definite form.
_DEFINITE_OBJECT = re.compile(r"\s+(?:i|inom)\s+([a-zåäö][a-zåäö-]+(?:en|et|na))\b")
# "inom" (and at most two words) right before the named work.
_WITHIN = re.compile(r"\binom\s+(?:\w+\s+){0,2}$")
# "A och i B", "A, B samt C": the glue between coordinated work names.
_COORDINATION = re.compile(r"(?:,| och| samt)(?: även| också)?(?: i| inom| för)? ")
_GAP_WORD = re.compile(r"\b(?!(?:och|samt|eller|i|med)\b)[\wåäöÅÄÖ-]+")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    type: RelationType
    confidence: float
    side: str = "any"
    weak: bool = False
    adjacent: bool = False  # the organisation stands right next to the cue ("Xs ledning")
    governs: bool = False  # the work is named right after the cue ("inom ramen för X")
    max_gap: int = 0  # words allowed before an organisation after the cue (0: the default)


_Pattern = tuple[
    re.Pattern[str], RelationType, float, str, bool, bool, bool, re.Pattern[str] | None, int
]
# How far back a cue's not_after pattern looks ("samarbetet " before "mellan").
NOT_AFTER_CHARS = 40


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[_Pattern, ...]:
    spec = load_toml("relations.toml")
    cues = spec["cue"]
    assert isinstance(cues, list)
    out = []
    for cue in cues:
        rtype = RelationType(cue["type"])
        side, weak = str(cue.get("side", "any")), bool(cue.get("weak", False))
        adjacent, governs = bool(cue.get("adjacent", False)), bool(cue.get("governs", False))
        conf = float(cue["confidence"])
        # not_after: what may not stand right before the cue ("samarbetet mellan A och B"
        # speaks of the parties' relation, not of who forms a work).
        not_after = re.compile(str(cue["not_after"]) + r"\s*$") if "not_after" in cue else None
        max_gap = int(cue.get("max_gap", 0))
        for p in cue["patterns"]:
            flags = 0 if p[:1].isupper() else re.IGNORECASE
            # A cue starts a word: "anordnar" is no cue inside "YH-anordnare".
            bounded = _WORD_START + p if p[:1].isalpha() else p
            pattern = re.compile(bounded, flags)
            out.append((pattern, rtype, conf, side, weak, adjacent, governs, not_after, max_gap))
    return tuple(out)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``."""
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


_LEADING_ASSERTION = re.compile(r"^(?:\\b|\(\?<[=!][^)]*\))+")
_LITERAL_HEAD = re.compile(r"[^\W\d_]+")


def _literal_prefix(pattern: str) -> str:
    """The letters every match of a cue pattern starts with ("ansvarar (?:\\w+ )?för" →
    "ansvarar"); a letter made optional by a quantifier is not part of it."""
    head = _LEADING_ASSERTION.sub("", pattern)
    m = _LITERAL_HEAD.match(head)
    if not m:
        raise ValueError(f"relations.toml: cue pattern must start with a word: {pattern!r}")
    prefix = m.group()
    return prefix[:-1] if head[len(prefix) : len(prefix) + 1] in ("?", "*", "{") else prefix


@lru_cache(maxsize=1)
def _cue_scanner() -> tuple[re.Pattern[str], dict[str, tuple[_Pattern, ...]]]:
    """One case-insensitive pass for the words cues start with, then each cue pattern of that
    first letter is tried there (one pass per pattern over a 400 KB report took a second)."""
    prefixes: set[str] = set()
    by_letter: dict[str, list[_Pattern]] = {}
    for spec in _cue_patterns():
        prefix = _literal_prefix(spec[0].pattern)
        prefixes.add(prefix.casefold())
        by_letter.setdefault(prefix[0].casefold(), []).append(spec)
    scanner = re.compile(r"(?<![\w-])" + trie_pattern(sorted(prefixes)), re.IGNORECASE)
    return scanner, {k: tuple(v) for k, v in by_letter.items()}


def cues_in(text: str, start: int, end: int) -> list[Cue]:
    found = []
    scanner, by_letter = _cue_scanner()
    for hit in scanner.finditer(text, start, end):
        pos = hit.start()
        for pattern, rtype, conf, side, weak, adj, gov, bar, gap in by_letter[
            hit.group()[0].casefold()
        ]:
            m = pattern.match(text, pos, end)
            if m and not (bar and bar.search(text, max(0, pos - NOT_AFTER_CHARS), pos)):
                found.append(Cue(m.start(), m.end(), rtype, conf, side, weak, adj, gov, gap))
    # A cue inside a longer cue (e.g. "deltar" in "Deltar gör") yields to the longer one;
    # the same word may cue one relation for its subject and another for its object
    # ("Tillväxtverket samlar regionerna": the convener leads, the gathered are members).
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for c in found:
        last = kept[-1] if kept else None
        if last and c.start < last.end and not _other_side(last, c):
            continue
        kept.append(c)
    return kept


def _other_side(a: Cue, b: Cue) -> bool:
    return (a.start, a.end) == (b.start, b.end) and {a.side, b.side} == {"before", "after"}


def _fits(m: OrgMention, cue: Cue) -> bool:
    if cue.side == "before":
        return m.end <= cue.start
    if cue.side == "after":
        return m.start >= cue.end
    return True


def assign(mentions: list[OrgMention], cues: list[Cue], text: str) -> list[tuple[OrgMention, Cue]]:
    """Pair each organisation mention with the nearest cue it stands on the right side of,
    in the same clause (:func:`linked`).

    Weak cues ("tillsammans med") only count when no other cue fits the mention.
    """
    out = []
    for m in mentions:
        fitting = [c for c in cues if _fits(m, c) and linked(text, m, c, mentions)]
        strong = [c for c in fitting if not c.weak] or fitting
        if not strong:
            continue
        # Nearest cue; at equal distance the one whose side is exact ("samlar" cues the
        # convener before it and the members after it).
        best = min(
            strong,
            key=lambda c: (min(abs(c.start - m.end), abs(m.start - c.end)), c.side == "any"),
        )
        # "drivs av A tillsammans med B": B follows the partner cue, not the agent cue.
        between = [c for c in fitting if c.weak and best.end <= c.start and c.end <= m.start]
        out.append((m, between[-1] if between else best))
    return out


def invert(text: str, s: int, cue: Cue, mentions: list[OrgMention]) -> Cue:
    """Swedish puts the verb second: after an opening adverbial the subject follows the verb
    ("Från Västerbotten deltar Dorotea, Sorsele …", "I projektet X deltar alla kommuner").
    A subject-side cue then also takes the organisations right after it. A cue used as a
    label ("Projektägare: Region Norrbotten", "Finansiärer: …") takes what follows it."""
    if _LABEL.match(text, cue.end) or _ends_label_line(text, cue):
        return replace(cue, side="after")
    if cue.side != "before":
        return cue
    # "A är huvudpartner och i projektet deltar även B och C": a main clause after "och".
    joined = [m.end() for m in _AND_CLAUSE.finditer(text, s, cue.start)]
    s = joined[-1] if joined else s
    opener = _FIRST_WORD.match(text, s)
    if not opener or opener.group(1).casefold() not in _v2_openers():
        return cue
    if _CLAUSE_BREAK.search(text, s, cue.start):
        return cue  # the cue is in a subordinate clause ("… som samlar A och B")
    after = _SKIP_ADVERBS.match(text, cue.end)
    pos = after.end() if after else cue.end
    if any(m.start == pos for m in mentions) or _ENUM_START.match(text, pos):
        return replace(cue, side="any")
    return cue


def _is_label_line(line: str) -> bool:
    """A short heading such as "### Samverkanspartner" or "Finansiärer" over a bullet list."""
    words = line.lstrip("#* ").split()
    return 0 < len(words) <= MAX_LABEL_WORDS and not line.endswith(".")


def _ends_label_line(text: str, cue: Cue) -> bool:
    """The cue ends a short heading line: the list below it names the organisations."""
    rest = _LINE_END.match(text, cue.end)
    if rest is None:
        return False
    line_start = text.rfind("\n", 0, cue.start) + 1
    return _is_label_line(text[line_start : rest.start()].rstrip())


@lru_cache(maxsize=1)
def _v2_openers() -> frozenset[str]:
    words = load_toml("relations.toml")["v2_openers"]
    assert isinstance(words, list)
    return frozenset(str(w).casefold() for w in words)


def linked(text: str, m: OrgMention, cue: Cue, mentions: list[OrgMention]) -> bool:
    """The organisation belongs to the cue's clause: between them stand only other listed
    organisations, list connectors and a few words ("Region Västerbotten har, i samarbete med
    Länsstyrelsen, startat"), never a relative or subordinate clause ("…, som leder arbetet")."""
    lo, hi = (m.end, cue.start) if m.end <= cue.start else (cue.end, m.start)
    if hi <= lo:
        return True
    if cue.adjacent:
        return not text[lo:hi].strip()
    example = _EXAMPLES.search(text, lo, hi)
    if example and not re.search(r"[.;!?]\s|, och ", text[lo : example.start()]):
        lo = example.end()  # "samlar arbetsgivare som vill rekrytera, bland andra A och B"
    gap = _strip_mentions(text, lo, hi, [*mentions, *_such_as(text, lo, hi, mentions)])
    if "\n" in gap:
        gap = _ROSTER_TAIL.sub("", gap)  # "Luleå kommun – Linda Berg" / "Piteå kommun – …"
        gap = _without_people(gap)  # "Per Nyström, Luleå kommun"
    if _ROLE_NOUN.search(text, cue.start, cue.end):
        gap = _APPOSITION.sub("", gap)
    if _LABEL.match(text, cue.end):
        if _beyond_field_line(text, cue, m):
            return False  # "• Sammankallande: Region Norrbotten" / "• Adjungerad: …"
        gap = gap.replace(";", ",")  # "Parter: A; B; C": a field's list, not clauses
    if _CLAUSE_BREAK.search(gap):
        return False
    if m.start >= cue.end and text[lo : m.start].rstrip().endswith(", och"):
        return False  # "leds av A, och B och C är partner": B opens a new clause
    if m.start >= cue.end and _NEW_CLAUSE.search(gap):
        return False  # "arrangeras av förbundet, och 2025 medverkade bland andra A"
    if cue.side == "before" or (cue.side == "any" and m.end <= cue.start):
        return len(_GAP_WORD.findall(gap)) <= MAX_SUBJECT_GAP_WORDS
    return len(_GAP_WORD.findall(gap)) <= (cue.max_gap or MAX_LIST_GAP_WORDS)


# ", och 2025 medverkade …" opens a clause; ", och på finsk sida X" goes on with the list.
_NEW_CLAUSE = re.compile(
    r", och (?!(?:på|i|från|inom|för|sedan)\b)(?:[\wåäöÅÄÖ]+ ){2,}"
    r"|, och (?:i|inom) [\wåäö]+ (?:deltar|ingår|medverkar|sitter)\b"  # "…, och i nätverket deltar"
    r"|\boch (?:har|hade|ska|kommer|kan|får|fick) "  # "ägs av A och har fått … via B"
)


def _beyond_field_line(text: str, cue: Cue, m: OrgMention) -> bool:
    """The organisation stands on a later line than a field whose value follows its label
    on the same line: the field's value ends with its line."""
    end = text.find("\n", cue.end)
    if end < 0 or m.start < end:
        return False
    return bool(text[cue.end : end].strip(" \t:*"))


# Markers that open a list of examples of the cue's object ("bland andra A, B och C").
_EXAMPLES = re.compile(
    r"\b(?:bland andra|bland annat|bland dem|bland dessa|däribland|till exempel|exempelvis"
    r"|såsom|t\.ex\.)\s"
)
_SUCH_AS = re.compile(r"\bsom\s+")


def _such_as(text: str, lo: int, hi: int, mentions: list[OrgMention]) -> list[OrgMention]:
    """Each "som" right before a named organisation, as a span to skip: "utbildningsanordnare
    som Campus Skellefteå och LTU" means "such as", not a relative clause."""
    starts = {m.start for m in mentions}
    return [
        OrgMention(m.start(), m.end(), m.group(0), "", "")
        for m in _SUCH_AS.finditer(text, lo, hi)
        if m.end() in starts
    ]


def _strip_mentions(text: str, lo: int, hi: int, mentions: list[OrgMention]) -> str:
    parts, pos = [], lo
    for o in sorted(mentions, key=lambda o: o.start):
        if o.start >= pos and o.end <= hi:
            parts.append(text[pos : o.start])
            pos = o.end
    parts.append(text[pos:hi])
    return " ".join(parts)


@lru_cache(maxsize=1)
def _final_words() -> frozenset[str]:
    words = load_toml("names.toml")["org_final_words"]
    assert isinstance(words, list)
    return frozenset(str(w) for w in words)


def _proper(item: str) -> bool:
    """Capitalised words (with connectors), optionally ending in an organisation word."""
    if _PROPER.match(item):
        return True
    head, _, last = item.rpartition(" ")
    return bool(head) and last in _final_words() and bool(_PROPER.match(head))


def _items(text: str, base: int, region: str) -> list[tuple[int, str, str | None]]:
    """(offset, surface, canonical region name or None) of each proper-noun list item."""
    out: list[tuple[int, str, str | None]] = []
    pos = 0
    for piece in _ITEM_SPLIT.split(region):
        idx = region.find(piece, pos) if piece else -1
        if idx < 0:
            continue
        pos = idx + len(piece)
        item = piece.strip(' .()"-*·–')  # bullets of a list too
        canonical = _region_name(item)
        if canonical or (
            item and len(item.split()) <= MAX_ITEM_WORDS and _proper(item) and len(item) >= 3
        ):
            out.append((base + region.find(item, idx), item, canonical))
    return out


def _region_name(item: str) -> str | None:
    """ "region Norrbotten", "region Jämtland/Härjedalen" in running lists → the region."""
    if item[:7].casefold() != "region ":
        return None
    return gazetteer().region_names.get(re.sub(r"[/-]", " ", item).casefold())


# A sentence that announces grants by one public body, and the decisions that follow it.
# A markdown table, and what the text above it must say for its cells to be members.
_TABLE_BLOCK = re.compile(r"(?:^\|[^\n]*\|[ \t]*(?:\n|$))+", re.M)
_MEMBER_LEAD = re.compile(
    r"(?i)\b(?:medlemmar\w*|deltagare|deltagande organisationer|parter(?:na)?|"
    r"undertecknat|ingår|består av)\b"
)
_ROLE_HEADER = re.compile(r"(?i)\b(?:projekt\w*|belopp|finansiär\w*|kronor|kr)\b")
MEMBER_TABLE_LEAD = 600  # chars above a table searched for its lead-in
MEMBER_TABLE_CONFIDENCE = 0.75


def _table_blocks(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TABLE_BLOCK.finditer(text)]


# Negations and conditionals around a cue ("har under 2024 inte deltagit i", "deltar inte",
# "skulle gärna samarbeta med"); measured on dev5, where gold states no relation for them.
_NEGATION = re.compile(r"(?i)\s*\b(?:inte|ej|aldrig|icke)\b")
# "har deltagit i två möten som gäst men är inte medlem": the sentence takes the tie back.
_NOT_MEMBER = re.compile(r"\b(?:som gäst|men (?:är|var|blir) (?:inte|ej) (?:medlem|part))")
_HYPOTHETICAL = re.compile(r"(?i)\b(?:skulle|kunde|vill|önskar|hoppas)\b(?:\s+\w+){0,2}\s*$")
UNREAL_BEFORE = 30
UNREAL_AFTER = 8

_COMMITTEE = re.compile(r"(?i)\b\w*(?:nämnden|styrelsen)\b")
# "1. att bevilja Luleå tekniska universitet 2 400 000 kronor till projektet X": one
# numbered point of a decision proposal.
_DECISION_ITEM = re.compile(r"[ \t]*\d{1,2}\.\s+att bevilja\s+")
DECISION_LEAD_CHARS = 600
_GRANTER = re.compile(
    r"\b(?:beviljade|beviljar|fördelade|har fördelat)\b|\bmedfinansiering från\b"
    r"|\bhar (?:\w+ ){0,3}?beviljat\b"  # "har regionala utvecklingsnämnden beviljat"
    r"|\b(?:har|hade) (?:\w+ )?beviljats (?:\w+ ){0,3}?\w*(?:stöd|medel|finansiering) (?:av|från)\b"
    r"|\bbeslut(?:ar|ade) att bevilja\b"
    r"|\b(?:projektmedel|utvecklingsmedel) (?:från|av)\b"
)
_GRANTED = re.compile(r"\bbeviljas\b")
# "… medel till tre nya projekt": a granting sentence that counts the projects below it.
_COUNTED_PROJECTS = re.compile(r"\btill (två|tre|fyra) (?:nya )?projekt\b")
# A granting sentence about every project listed below it.
_ALL_GRANTED = re.compile(
    r"(?i)\b(?:samtliga|alla)\s+(?:\w+\s+){0,2}?(?:projekt(?:en)?|insatser(?:na)?)\s+"
    r"(?:nedan|här|i (?:katalogen|listan|sammanställningen))\b"
)
# A granting sentence that opens with the projects listed on the page as its subject.
_THE_PROJECTS = re.compile(r"\s*(?:De (?:redovisade |listade )?projekten|Projekten)\b")
_GRANTING_TYPES = frozenset({"region", "county_board", "state_agency", "municipality"})
GRANT_WINDOW = 4000
GRANT_CONFIDENCE = 0.7
# An indefinite work noun right before the cue: the cue speaks of that unnamed work ("inom
# ett samverkansprojekt mellan A och B"); "Projektet är ett samarbete mellan A och B" is
# a predicate about the work in scope.
_UNNAMED_WORK = re.compile(
    r"(?<!är )(?<!var )(?<!blir )\b(?:ett|en)\s+(?:[\wåäö-]+\s+){0,2}?[\wåäö-]*"
    r"(?:projekt|nätverk|samarbete|forum|råd|plattform|partnerskap|förstudie|satsning)\s+$"
)
_JOINED_WORK = re.compile(r"\s+(?:i|inom)\b")
_JOINED_GAP = re.compile(_JOINED_WORK.pattern + r"\s+")  # up to the work's name
_COPULA = re.compile(r"\s*(?:är|var|blir)\s+")
_SUBCLAUSE = re.compile(r",?\s\b(?:där|som|vilket|eftersom|när)\s")


_ROSTER_TAIL = re.compile(r"[ \t]+–[ \t]+[^\n]*")
_PARENTHESES = re.compile(r"\([^()\n]*\)")
_CATEGORY_LINE = re.compile(rf"(?<=\n)(?!{BULLET_LEAD.pattern})[^\n.:]+(?=\n{BULLET_LEAD.pattern})")


def enumerated_orgs(
    text: str, cue: Cue, start: int, end: int, known: list[OrgMention]
) -> list[OrgMention]:
    """Proper-noun items of the enumeration on the cue's side ("samlar A, B och C",
    "drivs av A", "A och B ansvarar för") that no gazetteer or pattern named."""
    covered = {i for m in known for i in range(m.start, m.end)}
    if cue.side == "before":
        # The subjects stand in the cue's own clause: "Folkhälsa … hanteras i X, där A och B
        # ingår" lists A and B, not the sentence's first word.
        clauses = list(_SUBCLAUSE.finditer(text, start, cue.start))
        base = clauses[-1].end() if clauses else start
        region = text[base : cue.start]
    else:
        region = text[cue.end : end]
        colon = region.find(":")
        base = cue.end + (colon + 1 if 0 <= colon < 3 else 0)
        copula = _COPULA.match(text, base, end)  # "projektpartner är A och B"
        base = copula.end() if copula else base
        region = text[base:end]
    # "Länsstyrelsen X (stöd ur …, GJP), Region Y": what parentheses hold is no party.
    masked = _PARENTHESES.sub(lambda m: " " * len(m.group()), region)
    if "\n" in masked:  # the people after a roster line's dash are no bodies
        masked = _ROSTER_TAIL.sub(lambda m: " " * len(m.group()), masked)
        masked = _without_people(masked)
        # "Forskning och utbildning" over its bullets groups them; it is no item.
        masked = _CATEGORY_LINE.sub(lambda m: " " * len(m.group()), masked)
    found = _items(text, base, masked)
    if cue.side == "before":
        found = found[-MAX_ITEM_WORDS:]
    return [
        OrgMention(pos, pos + len(item), item, item, OrgType.OTHER.value, confidence=0.55)
        if canonical is None
        else OrgMention(pos, pos + len(item), item, canonical, OrgType.REGION.value)
        for pos, item, canonical in found
        if not covered & set(range(pos, pos + len(item)))
    ]


# --- the relation stage of one document ----------------------------------------------

E = EntityType
R = RelationType
_BULLET_LINE = re.compile(r"^\s*[•\-*·–]\s")
_PAGE_TITLE = re.compile(r"(?m)^# ")
_ONE_WORD_NAME = re.compile(r"[A-ZÅÄÖ]{2,}|\d|[a-zåäö][A-ZÅÄÖ]")
# The document's subject: an arena/project named as a heading among its first lines.
FOCUS_CHARS = 600
# A title line's subtitle after the name ("X – Green Transition Botnia", "X: …").
# The first line of a page that reads as a sentence (a capital, words, a full stop).
_FIRST_PROSE = re.compile(r"(?m)^(?=[A-ZÅÄÖ])[^\n]{40,}?[.!?](?:[ \t]|$)")
# A line of prose: six words or more, ending in a full stop.
_PROSE_LINE = re.compile(r"(?m)^[^\n]*?(?:\S+[ \t]+){5,}[^\n]*\.[ \t]*$")
_DEFINES = re.compile(r" är (?:ett|en) ")
_CRUMB = re.compile(r"[ \t][/›>][ \t]+$")
_SUBTITLE_AFTER = re.compile(r"[ \t]+[–-][ \t]+\S|:[ \t]+\S")


class Extractor(Protocol):
    """What the relation stage reads from loaders.pipeline.DocExtractor."""

    text: str
    g: GraphBuilder
    org_at: list[tuple[OrgMention, str]]
    targets: list[tuple[int, int, str]]
    item_spans: list[tuple[int, int, str]]
    out: Outline
    c: CleanText  # the original text, running footers included
    region: str | None  # the region whose document it is (its running header, its name)

    def ev(self, start: int, end: int) -> tuple[str, int, int, str]: ...

    def _org(self, m: OrgMention) -> str | None: ...


@lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[str]]:
    spec = load_toml("names.toml")
    return {
        key: frozenset(str(w).casefold() for w in spec[key])  # type: ignore[attr-defined]
        for key in ("not_org", "programmes", "clause_openers")
    }


def scoped_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences, with a list introduced by a colon kept together with its lead-in
    ("Samverkanspartner för Norrbotten är:" + its bullets)."""
    merged: list[tuple[int, int]] = []
    for s, e in sentences(text, 0, len(text)):
        prev = merged[-1] if merged else None
        if prev and _continues_list(text, prev, s, e):
            merged[-1] = (prev[0], e)
        else:
            merged.append((s, e))
    return merged


def _role_note(text: str, cue: Cue) -> bool:
    """ "- Haparanda stad (projektägare)": a role noted in parentheses after a list item."""
    return text[cue.start - 1 : cue.start] == "(" and text[cue.end : cue.end + 1] == ")"


def _continues_list(text: str, prev: tuple[int, int], s: int, e: int) -> bool:
    """A bullet line after a lead-in ending in ":", or after a short heading that is a cue
    ("Samverkanspartner", "Finansiärer"), or after such a lead-in and earlier bullets; a
    country heading grouping the bullets ("Members" / "Sweden" / "- Region Norrbotten")."""
    if text[s:e].strip() in _group_headings() or _category_line(text, s, e):
        return _cue_label_first(text, prev)
    person = _ROSTER_HEAD.match(text, s)
    roster = _ROSTER_LINE.match(text, s) or (person and person.group(1) in given_names())
    if roster and text[s - 1 : s] == "\n":
        return _cue_label_first(text, prev)  # "Närvarande ledamöter" / "Region X – Anna A"
    lead = text[prev[0] : prev[1]].strip()
    label_only = "\n" not in lead and ":" not in lead[:-1] and len(lead.split()) <= 3
    next_line = text[s - 1 : s] == "\n" and text[s - 2 : s] != "\n\n"
    table = "   " in text[prev[0] : prev[1]] or "   " in text[s:e]
    if label_only and next_line and not table and _cue_label_first(text, prev):
        return True  # "Medlemskommuner" / "Bjurholms kommun, Dorotea kommun, …"
    after_break = _BULLET_LINE.match(text[s - 1 : e] if s else text[s:e])
    at_start = _BULLET_LINE.match(text[s:e])
    if not (after_break or at_start) or any(not _role_note(text, c) for c in cues_in(text, s, e)):
        return False  # "• Tiny homes i Arktis – projektpartner är A och B" stands alone
    lead = text[prev[0] : prev[1]].rstrip()
    if after_break and (lead.endswith(":") or _cue_label_first(text, prev)):
        return True
    return bool(at_start and re.search(r":\s*(\n|$)", text[prev[0] : prev[1]]))


def _category_line(text: str, s: int, e: int) -> bool:
    """ "Medlemmar" / "Kommuner och offentliga aktörer" / "• Luleå kommun": a short line that
    groups the bullets right under it, inside a list headed by a cue."""
    line = text[s:e]
    return (
        "\n" not in line.strip()
        and ":" not in line
        and _is_label_line(line.strip())
        and not _BULLET_LINE.match(line)
        and text.startswith("\n", e)
        and bool(BULLET_LEAD.match(text, e + 1))
    )


# A roster line of minutes: a body, a dash, its people ("Luleå kommun – Linda Berg").
_ROSTER_LINE = re.compile(r"[A-ZÅÄÖ][^\n–.:]{1,60} – [A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ]")
# The other order: a person, a role in parentheses, a comma, the body ("Anna Lind
# (ordförande), Region Norrbotten").
_ROSTER_HEAD = re.compile(r"(?m)^([A-ZÅÄÖ][a-zåäöé-]+) [A-ZÅÄÖ][a-zåäöé-]+(?: \([^()\n]*\))?, ?")


def _without_people(text: str) -> str:
    """Blank the people that open roster lines ("Per Nyström, Luleå kommun")."""
    return _ROSTER_HEAD.sub(
        lambda m: " " * len(m.group()) if m.group(1) in given_names() else m.group(), text
    )


def _cue_label_first(text: str, prev: tuple[int, int]) -> bool:
    """The span opens with a short heading that is a cue ("Samverkanspartner", "Members")."""
    first = text[prev[0] : prev[1]].rstrip().split("\n", 1)[0]
    return _is_label_line(first) and bool(cues_in(first, 0, len(first)))


@lru_cache(maxsize=1)
def _group_headings() -> frozenset[str]:
    """Countries (in Swedish and English) that head groups of a member list."""
    english = {"Sweden", "Finland", "Norway", "Denmark", "Iceland", "Russia"}
    return countries() | english


def relate_document(x: Extractor) -> None:
    """member_of / leads / partner_in / funds relations of one document, sentence by sentence."""
    RelationStage(x).run()


class RelationStage:
    """Relations of one document: cue sentences, genitive owners."""

    def __init__(self, x: Extractor) -> None:
        self.x = x
        self.text = x.text
        self.scope = self._scope()
        self._dominants: dict[tuple[str, ...], tuple[str, str] | None] = {}
        self._title_org = self._find_title_org()

    def _scope(self) -> Scope:
        works = {
            eid: acc for eid, acc in self.x.g.entities.items() if acc.type in (E.ARENA, E.PROJECT)
        }
        names: dict[str, str] = {}
        for eid, acc in works.items():
            for n in (acc.name, *sorted(acc.aliases)):
                names.setdefault(n, eid)
        for eid, acc in works.items():
            short = short_name(acc.name)
            if short and short not in names and self.x.g.find(E.ORGANISATION, short) is None:
                names[short] = (
                    eid  # "Energibordet sammankallas av …" after "Energibordet Malmfälten"
                )
        mentions = [*self.x.targets, *name_occurrences(self.text, names)]
        kinds = {eid: acc.type.value for eid, acc in works.items()}
        focus = (
            self._focus(mentions) or self._capitals_title(names) or self._defined_first(mentions)
        )
        scope = Scope(self.text, mentions, self.x.item_spans, kinds, focus)
        scope.add_sections((ln.start, ln.end) for ln in self.x.out.lines if ln.heading)
        return scope

    def _focus(self, mentions: list[tuple[int, int, str]]) -> str | None:
        """A page about one arena/project has its name as the title heading."""
        for s, e, eid in sorted(mentions):
            if s > FOCUS_CHARS or _PROSE_LINE.search(self.text, 0, s):
                break  # a page's title stands above its prose, not under a lead-in
            line_start = self.text.rfind("\n", 0, s) + 1
            line_end = self.text.find("\n", e)
            line_end = line_end if line_end >= 0 else len(self.text)
            if BULLET_LEAD.match(self.text, line_start):
                continue  # "I detta nummer" / "- Glesbygdsdagarna 2026": contents, no title
            if self.text.startswith("##", line_start) and _PAGE_TITLE.search(self.text, 0, s):
                break  # "# Innovationsmiljöer …" / "## Polar Health Lab": a section, no title
            titled = s == line_start and _SUBTITLE_AFTER.match(self.text, e)
            crumb = e == line_end and _CRUMB.search(self.text, line_start, s)  # "Projekt / X"
            if covers((s, e, eid), line_start, line_end, self.text) or titled or crumb:
                return eid  # "Botnia Klimatomställning – Green Transition Botnia" too
        return None

    def _defined_first(self, mentions: list[tuple[int, int, str]]) -> str | None:
        """ "Om oss" / "Träbyggarna Norr är ett kluster för …": a page whose first sentence of
        prose defines a work is about that work."""
        first = _FIRST_PROSE.search(self.text, 0, FOCUS_CHARS)
        if first is None:
            return None
        for s, e, eid in sorted(mentions):
            if s == first.start() and _DEFINES.match(self.text, e):
                return eid
        return None

    def _capitals_title(self, names: dict[str, str]) -> str | None:
        """A page titled in capitals ("KOMPETENSNYCKELN VÄSTERBOTTEN") by a work's name."""
        folded = {n.casefold(): eid for n, eid in names.items()}
        for line in self.text[:FOCUS_CHARS].split("\n"):
            line = line.strip(" #*")
            if line.isupper() and line.casefold() in folded:
                return folded[line.casefold()]
        return None

    def run(self) -> None:
        orgs = sorted(self.x.org_at, key=lambda p: p[0].start)
        starts = [m.start for m, _ in orgs]
        all_cues = sorted(cues_in(self.text, 0, len(self.text)), key=lambda c: c.start)
        cue_starts = [c.start for c in all_cues]
        spans = scoped_sentences(self.text)
        self._owners(orgs, spans)
        self._introduced(orgs, spans)
        self._grants(orgs, spans)
        self._member_tables(orgs)
        for s, e in spans:
            cues = all_cues[bisect_left(cue_starts, s) : bisect_left(cue_starts, e)]
            cues = [c for c in cues if c.end <= e]
            if cues:
                lo, hi = bisect_left(starts, s), bisect_left(starts, e)
                inside = [(m, eid) for m, eid in orgs[lo:hi] if m.end <= e]
                cues = [invert(self.text, s, c, [m for m, _ in inside]) for c in cues]
                inside += self._enumerated(cues, s, e, [m for m, _ in inside])
                inside += self._grouped(s, e)
                inside = self._plural_bodies(s, e, inside)
                inside += self._plural_anaphors(s, e, orgs[:lo])
                inside += self._singular_anaphors(s, e, orgs[:hi])
                inside += self._first_person(s, e)
                self._sentence(s, e, cues, inside)

    def _owners(self, orgs: list[tuple[OrgMention, str]], spans: list[tuple[int, int]]) -> None:
        """An organisation in the genitive owns the work it names ("Tillväxtverkets RKA-grupp",
        "Vinnovas initiativ Keystone", "Region Västerbottens projekt TRUE 2"): it leads it."""
        by_start = {ms: eid for ms, _, eid in self.scope.mentions}
        span_starts = [sp[0] for sp in spans]
        for m, oid in orgs:
            if not _is_genitive(m):
                continue
            owned = _owned().match(self.text, m.end)
            pos = owned.end() if owned else m.end
            tid = by_start.get(pos) or by_start.get(m.start)
            if tid is None or tid == oid:
                continue
            i = max(0, bisect_left(span_starts, m.start + 1) - 1)
            s, e = spans[i] if spans else (m.start, pos)
            self.x.g.relate(R.LEADS, oid, tid, OWNER_CONFIDENCE, self.x.ev(s, max(e, pos)))

    def _grants(self, orgs: list[tuple[OrgMention, str]], spans: list[tuple[int, int]]) -> None:
        """A decision list under a granting sentence ("Vid sammanträdet beviljade regionala
        utvecklingsnämnden vid Region Västerbotten … till åtta projekt" / "ansökningar om
        medfinansiering från Region Norrbotten"): every later "… beviljas … för projektet X"
        is funded by that body, until another granting sentence or GRANT_WINDOW chars."""
        granter: tuple[str, int, int] | None = None
        for s, e in spans:
            found = self._granter(orgs, s, e)
            if found:
                granter = (found, s, e)
                self._granted_here(found, s, e)
                if _ALL_GRANTED.search(self.text, s, e) or _THE_PROJECTS.match(self.text, s):
                    self._blanket_grant(found, s, e)
                counted = _COUNTED_PROJECTS.search(self.text, s, e)
                if counted:
                    self._counted_grant(found, s, e, NUMBER_WORDS[counted.group(1)])
                continue
            if granter is None or s - granter[2] > GRANT_WINDOW:
                continue
            if not _GRANTED.search(self.text, s, e):
                continue
            for _, _, work in self.scope.named_in(s, e)[:1]:
                if self.scope.kinds.get(work) == E.PROJECT.value:
                    oid, gs, ge = granter
                    self.x.g.relate(R.FUNDS, oid, work, GRANT_CONFIDENCE, self.x.ev(gs, ge))
                    self.x.g.relate(R.FUNDS, oid, work, GRANT_CONFIDENCE, self.x.ev(s, e))

    def _counted_grant(self, oid: str, s: int, e: int, count: int) -> None:
        """ "beviljade Region Västernorrland medel till tre nya projekt" above a table: the
        first projects named after the sentence, as many as it counts."""
        seen: list[str] = []
        lo, hi = bisect_left(self.scope.starts, e), bisect_left(self.scope.starts, e + GRANT_WINDOW)
        for _, _, work in self.scope.mentions[lo:hi]:
            if self.scope.kinds.get(work) == E.PROJECT.value and work not in seen:
                seen.append(work)
        if len(seen) >= count:
            for work in seen[:count]:
                self.x.g.relate(R.FUNDS, oid, work, GRANT_CONFIDENCE, self.x.ev(s, e))

    def _granted_here(self, oid: str, s: int, e: int) -> None:
        """ "… har regionala utvecklingsnämnden beviljat 3,2 miljoner kronor till förstudien
        X": the project the granting sentence itself names."""
        for _, _, work in self.scope.named_in(s, e):
            if self.scope.kinds.get(work) == E.PROJECT.value and work != oid:
                self.x.g.relate(R.FUNDS, oid, work, GRANT_CONFIDENCE, self.x.ev(s, e))

    def _blanket_grant(self, oid: str, s: int, e: int) -> None:
        """ "Samtliga projekt nedan har beviljats regionalt utvecklingsstöd av Region
        Västerbotten": every project listed after the sentence."""
        for start, _, work in self.x.item_spans:
            if start > e and self.scope.kinds.get(work) == E.PROJECT.value:
                self.x.g.relate(R.FUNDS, oid, work, GRANT_CONFIDENCE, self.x.ev(s, e))

    def _member_tables(self, orgs: list[tuple[OrgMention, str]]) -> None:
        """A table of organisations under a heading or lead-in about members ("3.2
        Partnerskapets medlemmar", "Följande organisationer har undertecknat avtalet") lists
        the members of the work that heading points at, one per cell."""
        for ts, te in _table_blocks(self.text):
            lead_start = max(self.text.rfind("\n#", 0, ts), ts - MEMBER_TABLE_LEAD)
            lead = (max(0, lead_start), ts)
            if not _MEMBER_LEAD.search(self.text, *lead) or _ROLE_HEADER.search(
                self.text, ts, line_end(self.text, ts)
            ):
                continue
            target = self.scope.target(lead[0], lead[1], lead[1], lead[1])
            if target is None:
                continue
            for m, oid in orgs:
                if ts <= m.start < te:
                    rtype = self._kind(R.MEMBER_OF, target.id, "")
                    conf = round(MEMBER_TABLE_CONFIDENCE - target.penalty, 3)
                    row = self.x.ev(m.start, line_end(self.text, m.end))
                    self.x.g.relate(rtype, oid, target.id, conf, self.x.ev(*lead))
                    self.x.g.relate(rtype, oid, target.id, conf, row)

    def _granter(self, orgs: list[tuple[OrgMention, str]], s: int, e: int) -> str | None:
        item = _DECISION_ITEM.match(self.text, s)
        if item is not None:
            return self._deciding_body(s) if not self._org_after(orgs, item.end(), e) else None
        if not _GRANTER.search(self.text, s, e):
            return None
        public = [
            oid for m, oid in orgs if s <= m.start and m.end <= e and m.org_type in _GRANTING_TYPES
        ]
        committee = None if public else _COMMITTEE.search(self.text, s, e)
        if committee is not None:
            # "Regionala utvecklingsnämnden beslutar att bevilja …": the committee acts for
            # the body the decision list belongs to.
            return self._committee_body(committee)
        return public[0] if len(set(public)) == 1 else None

    def _deciding_body(self, s: int) -> str | None:
        """ "Regionala utvecklingsnämnden beslutar / 1. att bevilja Piteå kommun 850 000
        kronor till förstudien X": the committee above a decision list acts for the body the
        document belongs to; the organisation after "bevilja" receives the money."""
        committee = _COMMITTEE.search(self.text, max(0, s - DECISION_LEAD_CHARS), s)
        return None if committee is None else self._committee_body(committee)

    def _committee_body(self, committee: re.Match[str]) -> str | None:
        """The body a committee acts for: the region or municipality the document is about,
        or the document's own region for a regional committee."""
        home = make_id(E.ORGANISATION, self.x.region) if self.x.region else None
        lead = self.text[max(0, committee.start() - 12) : committee.end()].casefold()
        regional = "region" in lead  # "Regionala utvecklingsnämnden", "Regionstyrelsen"
        for kind in ("region", "municipality"):
            found = self._dominant((kind,))
            if found:
                return found[1]
            if regional and home in self.x.g.entities:
                return home  # "REGION NORRBOTTEN / Regionala utvecklingsnämnden beslutar"
        return None

    @staticmethod
    def _org_after(orgs: list[tuple[OrgMention, str]], pos: int, e: int) -> bool:
        """A granting body named in the decision itself ("att bevilja … ur anslag hos X")."""
        return any(
            m.org_type in _GRANTING_TYPES and pos < m.start and m.end <= e
            for m, _ in orgs
            if m.start != pos
        )

    def _introduced(self, orgs: list[tuple[OrgMention, str]], spans: list[tuple[int, int]]) -> None:
        """ "Region X driver två projekt … Det ena går under namnet A … Det andra projektet
        är B", "Region X har tre nätverk … A samlar …": the works a counted introduction
        announces are named first thing in the sentences right after it, same paragraph."""
        for i, (s, e) in enumerate(spans):
            intro = _introducer().search(self.text, s, e)
            if intro is None or self.scope.named_in(s, e):
                continue
            leader = _subject_before(self.text, orgs, s, intro.start())
            if leader is None:
                continue
            count = NUMBER_WORDS[intro.group(1).casefold()]
            for ns, ne in spans[i + 1 : i + 1 + count + 1]:
                if "\n\n" in self.text[s:ns] or count == 0:
                    break
                first = self.scope.named_in(ns, ne)[:1]
                if first and first[0][0] - ns <= INTRODUCED_LEAD_CHARS:
                    ev = self.x.ev(s, ne)
                    self.x.g.relate(R.LEADS, leader, first[0][2], INTRODUCED_CONFIDENCE, ev)
                    count -= 1

    def _sentence(
        self, s: int, e: int, cues: list[Cue], inside: list[tuple[OrgMention, str]]
    ) -> None:
        ids = {id(m): eid for m, eid in inside}
        mentions = [m for m, _ in inside]
        ev = None
        for m, assigned in assign(mentions, cues, self.text):
            cue = _joined(assigned, cues)
            listing = _listing(cue)
            own = self._work_in_cue(cue)
            target = (
                (listing and self._joined_work(cue, e, m.start))
                or own
                or self.scope.target(s, e, cue.start, m.start, listing)
            )
            oid = ids[id(m)]
            if target is None or oid == target.id or not self._right_side(m, cue):
                continue
            if self._unreal(cue, s, e):
                continue  # "har inte deltagit i X", "skulle gärna samarbeta med …"
            if listing and not own and any(self._lists_target(c, target) for c in cues):
                continue  # "mellan A och X respektive mellan A och Y": X is listed, no target
            if target.inferred and _UNNAMED_WORK.search(
                self.text, max(s, cue.start - 60), cue.start
            ):
                continue  # "inom ett samverkansprojekt mellan A och B": a work not named here
            if self._other_object(cue, target):
                # "driver ett antal nätverk", "har ansvar för ett arbetspaket"; but in a
                # list item's text "driver nätverk för skolchefer inom X" is the item itself.
                target = self._own_item(cue, target, s, e)
                if target is None or oid == target.id:
                    continue
            if self._foreign_object(cue, target):
                continue  # "som ingår i samverkansmodellen" under a project's heading
            if (
                cue.weak
                and target.start < 0
                and not self.scope.opens_with_anaphor(s, e)
                and self.scope.item_at(s, e) is None  # a list item's text is about the item
            ):
                continue  # "tillsammans med" names a partner only beside the named work
            if cue.governs and not self._governed(cue, target):
                continue  # "inom ramen för påverkansarbetet": not the named work
            ev = ev or self.x.ev(s, e)
            conf = round(cue.confidence - target.penalty, 3)
            within = self._within(cue, target)
            # What the sentence calls the work, after the work's own name when that comes
            # first ("presenterats i X-nätverket, där A deltar": no project talk about X).
            lead_in = self.text[max(s, target.end if s <= target.start else s) : cue.start]
            for tid in [target.id, *self._coordinated(cue, target, e)]:
                rtype = self._kind(within, tid, lead_in, self.text[cue.start : e])
                self.x.g.relate(rtype, oid, tid, conf, ev)

    def _work_in_cue(self, cue: Cue) -> Target | None:
        """ "Parter i Pitekraft är …", "Medlemmar i X är …": the cue names its work itself."""
        inside = self.scope.named_in(cue.start, cue.end)
        return Target(inside[0][2], 0.0, inside[0][0], inside[0][1]) if inside else None

    def _coordinated(self, cue: Cue, target: Target, e: int) -> list[str]:
        """Works joined to a target named after the cue ("deltar i Analyssamverkan Norr och
        i Kompetensnätverk Norrbotten") share its relation; a listing cue names parties."""
        if cue.side != "before" or target.start < cue.end or _listing(cue):
            return []
        out, end = [], target.end
        for ws, we, wid in self.scope.named_in(end, e):
            if not _COORDINATION.fullmatch(self.text, end, ws):
                break
            out.append(wid)
            end = we
        return out

    def _unreal(self, cue: Cue, s: int, e: int) -> bool:
        """A negated or hypothetical cue states no relation: "inte"/"ej"/"aldrig" or a
        conditional "skulle"/"kan komma att" right around it."""
        before = self.text[max(s, cue.start - UNREAL_BEFORE) : cue.start]
        after = self.text[cue.end : min(e, cue.end + UNREAL_AFTER)]
        return bool(
            _NEGATION.search(before)
            or _NEGATION.match(after)
            or _HYPOTHETICAL.search(before)
            or _NOT_MEMBER.search(self.text, cue.end, e)
        )

    def _joined_work(self, cue: Cue, e: int, org_start: int) -> Target | None:
        """ "medlemmar i Solenergi Norr: A, B, C": the work right after the cue and "i" is
        what the listed organisations join."""
        for ws, we, wid in self.scope.named_in(cue.end, e):
            if we <= org_start and _JOINED_GAP.fullmatch(self.text, cue.end, ws):
                return Target(wid, 0.0, ws, we)
            break
        return None

    def _lists_target(self, cue: Cue, target: Target) -> bool:
        """A listing cue before the work names the work among the parties ("mellan A och X");
        "ingår i X", "deltar i X" names it as what is joined."""
        if not _listing(cue) or cue.end > target.start:
            return False
        return not _JOINED_WORK.match(self.text, cue.end, max(cue.end, target.start))

    def _other_object(self, cue: Cue, target: Target) -> bool:
        """An active cue with an indefinite object speaks of something unnamed: another work
        when the target was only inferred, a part ("ett arbetspaket") when it is the list
        item; "ansvarar för ett nätverk för återbruk" under that network's heading is it."""
        if cue.side == "after":
            return False
        if target.start >= cue.end:  # "driver nätverk för skolchefer inom samarbetet X"
            unnamed = _GENERIC_OBJECT.match(self.text, cue.end) or _BARE_WORK.match(
                self.text, cue.end
            )
            between = self.text[cue.end : target.start]
            return bool(unnamed) and len(_GAP_WORD.findall(between)) > MAX_OBJECT_GAP_WORDS
        if target.start >= 0:
            return False
        obj = _GENERIC_OBJECT.match(self.text, cue.end)
        if obj is None:
            return False
        return target.inferred or not _owned_noun().match(self.text, obj.end())

    def _own_item(self, cue: Cue, named: Target, s: int, e: int) -> Target | None:
        """The list item a bare work noun after the cue describes ("Region 10 Skolchefsnätverk":
        "Region X driver nätverk för skolchefer inom kommunsamarbetet Region 10")."""
        if named.start < cue.end or not _BARE_WORK.match(self.text, cue.end):
            return None
        item = self.scope.item_at(s, e)
        return None if item is None or item.id == named.id else item

    def _foreign_object(self, cue: Cue, target: Target) -> bool:
        """A membership cue whose object is a definite noun that cannot point back at the
        unnamed target project ("ingår i samverkansmodellen" in a project's item, "deltar
        i nätverket" under a project heading) speaks of that other thing."""
        kind = self.scope.kinds.get(target.id)
        # Only a project: an arena goes by many nouns ("mötesplatsen", "gruppen").
        if cue.type is not R.MEMBER_OF or target.start >= 0 or kind != E.PROJECT.value:
            return False
        obj = _DEFINITE_OBJECT.match(self.text, cue.end)
        if obj is None:
            return False
        noun = obj.group(1)
        return not any(a.kind in ("any", kind) and a.pattern.search(noun) for a in anaphors())

    def _within(self, cue: Cue, target: Target) -> RelationType:
        """A leading verb whose work is named after "inom" ("driver inom Europaforum",
        "leder arbetet inom X") acts inside that work: a member, not its leader."""
        inside = cue.type is R.LEADS and target.start >= cue.end
        if inside and _WITHIN.search(self.text, cue.end, target.start):
            return R.MEMBER_OF
        return cue.type

    def _governed(self, cue: Cue, target: Target) -> bool:
        """The work is the cue's object: named right after it, a few words at most."""
        if target.start < cue.end:
            return False
        between = self.text[cue.end : target.start]
        return len(_GAP_WORD.findall(between)) <= MAX_OBJECT_GAP_WORDS

    def _kind(
        self, rtype: RelationType, target: str, lead_in: str, clause: str = ""
    ) -> RelationType:
        """Parties of a project are its partners; of an arena, its members. A sentence
        that calls the work a project ("Gemensamt projekt mellan A, B …") makes them partners
        whatever list the work came from. Who "deltar i projektet" is a participant, a member
        (bench/gold/GUIDELINES.md: "deltar" is member_of, whatever the work)."""
        if _PARTICIPATES.match(clause):
            # "På svenska sidan deltar A och B som partner", "deltar som kunskapspartner i
            # forumet": partners, of an arena too.
            # "I centrumet ingår A och B som forskningsparter": members that are parties.
            acting = not clause.casefold().startswith("ingår")
            partner = acting and rtype is R.MEMBER_OF and _AS_PARTNER.search(clause) is not None
            return R.PARTNER_IN if partner else rtype
        if rtype is R.MEMBER_OF and (
            self.x.g.entities[target].type is E.PROJECT or _PROJECT_WORD.search(lead_in)
        ):
            return R.PARTNER_IN
        return rtype

    def _right_side(self, m: OrgMention, cue: Cue) -> bool:
        # "funds" needs a named body as funder, not an unknown enumerated phrase.
        return not (
            cue.type is R.FUNDS
            and self.x.g.entities.get(make_id(E.ORGANISATION, m.name), None) is None
            and m.org_type == OrgType.OTHER.value
            and m.confidence < 0.6
        )

    def _enumerated(
        self, cues: list[Cue], start: int, end: int, known: list[OrgMention]
    ) -> list[tuple[OrgMention, str]]:
        out = []
        g, names = gazetteer(), _names()
        for cue in cues:
            if cue.weak and cue.adjacent:
                continue  # "A tillsammans med": only a named organisation right before it
            for m in enumerated_orgs(self.text, cue, start, end, known):
                folded = m.name.casefold()
                if (
                    not _plausible_org(m.name)
                    or folded in names["not_org"]
                    or folded in names["programmes"]
                    or folded.removesuffix("s") in _singular_nouns()  # "Regionens deltagande"
                    or programme_name(m.name)
                    or g.municipality(m.name)
                    or self.x.g.find(E.ARENA, m.name)
                    or self.x.g.find(E.PROJECT, m.name)
                    or self._in_work_name(m)
                ):
                    continue
                eid = self.x._org(m)
                if eid:
                    out.append((m, eid))
        return out

    def _in_work_name(self, m: OrgMention) -> bool:
        """ "Gränslöst, tryggt och levande Nord – projektpartner är …": a list item inside a
        work's name is no organisation."""
        return any(s <= m.start and m.end <= e for s, e, _ in self.x.targets)

    def _plural_anaphors(
        self, s: int, e: int, earlier: list[tuple[OrgMention, str]]
    ) -> list[tuple[OrgMention, str]]:
        """ "de båda regionerna", "de tre kommunerna": the latest organisations of that kind
        named before the sentence, as many as the number says."""
        out = []
        for m in _plural_anaphor().finditer(self.text, s, e):
            count, org_type = (
                NUMBER_WORDS[m.group(1).casefold()],
                _plural_nouns()[m.group(2).casefold()],
            )
            found: list[str] = []
            for om, oid in reversed(earlier):
                if om.org_type == org_type and oid not in found:
                    found.append(oid)
                    if len(found) == count:
                        break
            if len(found) == count:
                for oid in found:
                    name = self.x.g.entities[oid].name
                    out.append((OrgMention(m.start(), m.end(), m.group(0), name, org_type), oid))
        return out

    def _singular_anaphors(
        self, s: int, e: int, earlier: list[tuple[OrgMention, str]]
    ) -> list[tuple[OrgMention, str]]:
        """ "universitetet", "regionen", "föreningen": the latest organisation of that kind
        named before the noun, no further back than the paragraph before."""
        out = []
        for m in _singular_anaphor().finditer(self.text, s, e):
            if _PLACE_PREPOSITION.search(self.text, max(0, m.start() - 12), m.start()):
                continue
            if _NAME_AFTER.match(self.text, m.end()) or self._in_org_name(m.start()):
                continue  # "föreningen Skogsriket", "Länsstyrelsen i Västerbottens län"
            types = _singular_nouns()[m.group(1).casefold()]
            if "municipality" in types and not _MUNICIPAL_SUBJECT.search(
                self.text, max(0, m.start() - 4), m.start() + 1
            ):
                continue  # "dialog mellan kommunen och aktörerna": any municipality
            horizon = _paragraph_before(self.text, m.start())
            near = [
                (om.org_type, oid)
                for om, oid in earlier
                if horizon <= om.start and om.end <= m.start() and om.org_type in types
            ]
            # A municipal report's "Kommunen" is the municipality it is by, wherever other
            # municipalities are named; other nouns point at the latest body of their kind.
            dominant = self._dominant(types) if "municipality" in types or not near else None
            found = dominant or (near[-1] if near else None) or self._author(types)
            if found is not None:
                name = self.x.g.entities[found[1]].name
                out.append((OrgMention(m.start(), m.end(), m.group(0), name, found[0]), found[1]))
        return out

    def _place_counts(self, counts: Counter[str]) -> Counter[str]:
        """A municipality's weight in a document is how often its place name is written,
        running footers and compounds included ("Härnösandshus AB", "i Härnösand"): the
        municipality a report is by names itself everywhere."""
        places = {
            oid: self.x.g.entities[oid].name.removesuffix(" kommun").removesuffix("s")
            for oid in counts
        }
        if not places:
            return Counter()
        alternation = "|".join(sorted(map(re.escape, set(places.values())), key=len, reverse=True))
        written = Counter(re.findall(rf"(?<![\w-])(?:{alternation})", self.x.c.original))
        return Counter({oid: written[place] for oid, place in places.items()})

    def _author(self, types: tuple[str, ...] | None = None) -> tuple[str, str] | None:
        """The organisation a document's title line is ("Kommunförbundet Västernorrland" over
        "Årsredovisning 2024"): who "vi" and "förbundet" are in its own report."""
        found = self._title_org
        return found if found and (types is None or found[0] in types) else None

    def _find_title_org(self) -> tuple[str, str] | None:
        start = len(self.text) - len(self.text.lstrip())
        end = line_end(self.text, start)
        for om, oid in self.x.org_at:
            if om.start > end:
                break
            if om.start == start and om.end == end:
                return om.org_type, oid
        return None

    def _first_person(self, s: int, e: int) -> list[tuple[OrgMention, str]]:
        """ "Vi deltar i …", "driver vi tillsammans med …": the author of a report in the first
        person."""
        author = self._author()
        if author is None:
            return []
        name = self.x.g.entities[author[1]].name
        return [
            (OrgMention(m.start(), m.end(), m.group(0), name, author[0]), author[1])
            for m in _FIRST_PERSON.finditer(self.text, s, e)
        ]

    def _in_org_name(self, pos: int) -> bool:
        return any(om.start <= pos < om.end for om, _ in self.x.org_at)

    def _dominant(self, types: tuple[str, ...]) -> tuple[str, str] | None:
        """The organisation of these types a document is about ("Kommunen" in a municipality's
        annual report): named at least DOMINANT_MIN times and twice as often as any other."""
        if types not in self._dominants:
            self._dominants[types] = self._find_dominant(types)
        return self._dominants[types]

    def _find_dominant(self, types: tuple[str, ...]) -> tuple[str, str] | None:
        counts = Counter(oid for om, oid in self.x.org_at if om.org_type in types)
        if "municipality" in types:
            counts = self._place_counts(counts)
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < DOMINANT_MIN:
            return None
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        oid = ranked[0][0]
        kind = next(om.org_type for om, i in self.x.org_at if i == oid)
        return kind, oid

    def _plural_bodies(
        self, s: int, e: int, inside: list[tuple[OrgMention, str]]
    ) -> list[tuple[OrgMention, str]]:
        """ "Länsstyrelserna i Norrbotten och Västerbotten" names two county boards: one
        mention per county replaces the plural phrase (relations.toml: plural_bodies)."""
        bodies = _plural_bodies()
        for m in _plural_body().finditer(self.text, s, e):
            singular, org_type = bodies[m.group(1).casefold()]
            places = re.findall(r"[A-ZÅÄÖ]\w+", m.group(2))
            if not places or not all(_county_word(p) for p in places):
                continue
            found = []
            for place in places:
                om = OrgMention(m.start(), m.end(), m.group(0), f"{singular} {place}", org_type)
                eid = self.x._org(om)
                if eid:
                    found.append((om, eid))
            inside = [(om, eid) for om, eid in inside if om.end <= m.start() or om.start >= m.end()]
            inside += found
        return inside

    def _grouped(self, s: int, e: int) -> list[tuple[OrgMention, str]]:
        """Named sets of regions ("de fyra nordligaste regionerna") stand for each region."""
        out = []
        for pattern, regions in _region_groupings():
            for m in pattern.finditer(self.text, s, e):
                for name in regions:
                    om = OrgMention(
                        m.start(), m.end(), m.group(0), name, OrgType.REGION.value, confidence=0.7
                    )
                    eid = self.x._org(om)
                    if eid:
                        out.append((om, eid))
        return out


@lru_cache(maxsize=1)
def _introducer() -> re.Pattern[str]:
    """ "driver två projekt", "har tre parallella nätverk": a leading verb, a count, at most
    two adjectives and a work noun (relations.toml: introducers)."""
    spec = load_toml("relations.toml")["introducers"]
    assert isinstance(spec, dict)
    verbs = "|".join(str(v) for v in spec["verbs"])
    nouns = "|".join(str(n) for n in spec["nouns"])
    counts = "|".join(NUMBER_WORDS)
    return re.compile(
        rf"\b(?:{verbs})\s+({counts})\s+(?:[a-zåäö]+\s+){{0,2}}?(?:{nouns})\b", re.IGNORECASE
    )


def _subject_before(text: str, orgs: list[tuple[OrgMention, str]], s: int, verb: int) -> str | None:
    """The organisation standing right before the verb (the sentence's subject)."""
    for m, oid in orgs:
        if s <= m.start and m.end <= verb and not text[m.end : verb].strip():
            return oid
    return None


@lru_cache(maxsize=1)
def _plural_bodies() -> dict[str, tuple[str, str]]:
    spec = load_toml("relations.toml")["plural_bodies"]
    assert isinstance(spec, dict)
    return {str(k).casefold(): (str(v[0]), str(v[1])) for k, v in spec.items()}


@lru_cache(maxsize=1)
def _plural_body() -> re.Pattern[str]:
    heads = "|".join(map(re.escape, _plural_bodies()))
    place = r"[A-ZÅÄÖ]\w+"
    return re.compile(rf"\b({heads}) i ({place}(?:, {place})*(?: och {place})?)", re.IGNORECASE)


def _county_word(place: str) -> bool:
    """ "Norrbotten" is a county's short name ("Norrbottens län")."""
    counties = {c.casefold() for c in gazetteer().county_of_region.values()}
    return f"{place}s län".casefold() in counties or f"{place} län".casefold() in counties


def _listing(cue: Cue) -> bool:
    """The cue lists who takes part ("mellan A och B", "består av A, B")."""
    return cue.side == "after" and cue.type in (R.MEMBER_OF, R.PARTNER_IN)


def _joined(cue: Cue, cues: list[Cue]) -> Cue:
    """ "A deltar i X tillsammans med B": B joins A in the membership the sentence states
    before it; "tillsammans med" alone names a partner."""
    if not cue.weak:
        return cue
    earlier = [c for c in cues if not c.weak and c.end <= cue.start]
    if earlier and earlier[-1].type is R.MEMBER_OF:
        return replace(cue, type=R.MEMBER_OF)
    return cue


def _is_genitive(m: OrgMention) -> bool:
    return m.surface.endswith("s") and not m.name.endswith("s") and m.surface != m.name


@lru_cache(maxsize=1)
def _owned_noun() -> re.Pattern[str]:
    """A work noun, possibly after one adjective ("regionalt nätverk")."""
    words = load_toml("relations.toml")["owner_nouns"]
    assert isinstance(words, list)
    nouns = "|".join(str(w) for w in words)
    return re.compile(r"(?:\w+\s+)?(?:" + nouns + r")", re.IGNORECASE)


@lru_cache(maxsize=1)
def _owned() -> re.Pattern[str]:
    """An owner noun after a genitive, up to where the owned work's name starts."""
    words = load_toml("relations.toml")["owner_nouns"]
    assert isinstance(words, list)
    nouns = "|".join(str(w) for w in words)
    return re.compile(r"\s+(?:(?:" + nouns + r")\s+)?[\"*“]?")


@lru_cache(maxsize=1)
def _plural_nouns() -> dict[str, str]:
    spec = load_toml("relations.toml")["plural_anaphors"]
    assert isinstance(spec, dict)
    return {str(k).casefold(): str(v) for k, v in spec.items()}


@lru_cache(maxsize=1)
def _singular_nouns() -> dict[str, tuple[str, ...]]:
    spec = load_toml("relations.toml")["singular_anaphors"]
    assert isinstance(spec, dict)
    return {str(k).casefold(): tuple(map(str, v)) for k, v in spec.items()}


@lru_cache(maxsize=1)
def _singular_anaphor() -> re.Pattern[str]:
    nouns = "|".join(map(re.escape, _singular_nouns()))
    return re.compile(rf"(?<![\w-])({nouns})s?(?![\w-])", re.IGNORECASE)


# "Kommunen deltar i …", "som ägs av kommunen": the municipality as subject or agent.
_MUNICIPAL_SUBJECT = re.compile(r"(?:^|\s)K$|av k$")
_FIRST_PERSON = re.compile(r"\b[Vv]i\b")
DOMINANT_MIN = 3  # mentions that make an organisation a document's subject
_PLACE_PREPOSITION = re.compile(r"(?:\b(?:i|inom|runt|över|hela|utanför|ut i)\s+)$", re.I)
_NAME_AFTER = re.compile(r"\s+(?:[A-ZÅÄÖ0-9]|\()")


def _paragraph_before(text: str, pos: int) -> int:
    """Where the paragraph before the one holding ``pos`` starts."""
    here = text.rfind("\n\n", 0, pos)
    if here < 0:
        return 0
    before = text.rfind("\n\n", 0, here)
    return before + 2 if before >= 0 else 0


@lru_cache(maxsize=1)
def _plural_anaphor() -> re.Pattern[str]:
    nouns = "|".join(map(re.escape, _plural_nouns()))
    counts = "|".join(NUMBER_WORDS)
    return re.compile(rf"\b(?:de\s+)?({counts})\s+({nouns})\b", re.IGNORECASE)


def _plausible_org(name: str) -> bool:
    """Not a clause opener ("Dessutom"), not a common noun in definite form ("Regionerna",
    "Samrådsgruppen" opening a sentence), and one word only when it looks like a name."""
    words = name.split()
    if words[0].casefold() in _names()["clause_openers"] or words[-1].endswith("-"):
        return False
    if generic_noun(words[0]):
        return False  # "Satsningen Lär Nära, som Bergs kommun driver": the work, not a body
    if len(words) == 1 and _DEFINITE.search(name):
        return False
    return len(words) > 1 or bool(_ONE_WORD_NAME.search(name)) or len(name) >= 9


@lru_cache(maxsize=1)
def _region_groupings() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    spec = load_toml("groupings.toml")["grouping"]
    assert isinstance(spec, list)
    return tuple(
        (re.compile(str(g["pattern"])), tuple(str(r) for r in g["regions"]))
        for g in spec
        if g["members"] == "northern_regions"
    )


__all__ = [
    "Cue",
    "Extractor",
    "assign",
    "cues_in",
    "enumerated_orgs",
    "invert",
    "linked",
    "relate_document",
    "scoped_sentences",
    "sentences",
]
