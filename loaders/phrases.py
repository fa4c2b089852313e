"""Proper-name phrases in running Swedish text, and the organisations they reveal.

A name phrase is a run of capitalised words, held together by connectors ("Film i
Västerbotten", "Regional Council of Tampere") and by lower-case head words that end an
organisation's name ("Jägarnas riksförbund", "Västerbottens museum"). Two contexts turn
such phrases into organisations without any gazetteer:

* an enumeration in which at least one item already is a known organisation
  ("deltar LRF, Friluftsförbundet, SCA, Norra Skog samt Samernas riksförbund");
* an agent or partner cue right before the phrase or list ("drivs av X", "arrangeras av X",
  "i samverkan med X och Y", "aktörer som X och Y", "resurscentret X"), or an apposition
  after it ("X, med säte i Umeå").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from loaders.doc import OrgMention
from loaders.gazetteer import Gazetteer, countries, load_toml, org_heads
from loaders.structure import BULLET_LEAD
from ontology.model import OrgType
from ontology.reference import given_names

CONNECTORS = frozenset({"i", "för", "of", "for", "and", "the", "de", "&", "on", "-", "–"})
# Prepositions that make the name after them a place ("i Bygdsiljum"), not a body.
PLACE_PREPOSITIONS = frozenset({"i", "på", "från", "till", "mot", "runt"})
HEADING_CHARS = 80
SHORT_SKIP_WORDS = 4  # a non-name list part this short ("entreprenörer") does not end a list
MAX_PHRASE_WORDS = 9
MIN_SUFFIX_HEAD = 5  # head words this long also end compounds ("stadsbibliotek")
ENUM_CONFIDENCE = 0.6
CUE_CONFIDENCE = 0.65
# Parts of a list: commas, semicolons, "och"/"samt"/"eller" and bullet line breaks.
_SEP = re.compile(r"\s*[,;]\s*|\s+(?:och|samt|eller)\s+|\s*\n\s*[•*·–-]\s+|\s*\n(?=[A-ZÅÄÖ])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“])|\n\s*\n")
# Contact lines ("Anna A, regiondirektör, Region X, 090-16 57 11") list people, not bodies.
_CONTACT = re.compile(r"@|\b0\d{1,3}-\d{2,3}[ \d]{4,}")
_WORD = re.compile(r"\S+")
_TRIM = ".,;:!?\"”“'*"
# Region and county-board names are found by their own patterns; a longer phrase that
# contains one is a unit of it ("Region Västerbotten Turism", "RV Region Västerbotten").
_REGION_INSIDE = re.compile(r"\b(?:Region|Länsstyrelsen) [A-ZÅÄÖ]")


@dataclass(frozen=True)
class _Lex:
    not_org: frozenset[str]
    final_words: frozenset[str]
    openers: frozenset[str]
    work_cues: re.Pattern[str]
    head_suffix: re.Pattern[str]
    generic_first: frozenset[str]
    programmes: frozenset[str]
    stop_words: frozenset[str]
    unit_endings: tuple[str, ...]
    countries: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    spec = load_toml("names.toml")

    def words(key: str) -> frozenset[str]:
        value = spec[key]
        assert isinstance(value, list)
        return frozenset(str(w).casefold() for w in value)

    cues = spec["work_name_heads"]
    assert isinstance(cues, list)
    work = re.compile(r"(?i)(?:" + "|".join(str(c) for c in cues) + r")$")
    long_heads = sorted({h.casefold() for h in org_heads() if len(h) >= MIN_SUFFIX_HEAD})
    heads = re.compile("(?:" + "|".join(map(re.escape, long_heads)) + ")$")
    first = spec["generic_first_words"]
    assert isinstance(first, list)
    return _Lex(
        words("not_org"),
        words("org_final_words"),
        words("clause_openers"),
        work,
        heads,
        frozenset(str(w) for w in first),
        words("programmes"),
        words("name_stop_words") | {"i", "och", "samt", "för", "på"},
        tuple(words("unit_endings")),
        countries(),
    )


def work_word(word: str) -> bool:
    """A word that heads an arena or project name ("nätverket", "Network", "program")."""
    return bool(_lex().work_cues.search(word.strip(_TRIM + "()")))


def unit_word(word: str) -> bool:
    """A word that ends the name of a unit of an organisation ("Utvecklingsnämnden")."""
    return word.casefold().endswith(_lex().unit_endings)


def _is_head(word: str) -> bool:
    """A lower-case word that can end an organisation's name ("riksförbund", "stadsbibliotek")."""
    folded = word.casefold()
    lex = _lex()
    if folded in lex.final_words or word in org_heads():
        return True
    return word.islower() and lex.head_suffix.search(folded) is not None


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _words(text: str, base: int) -> list[tuple[int, str]]:
    return [(base + m.start(), m.group(0)) for m in _WORD.finditer(text)]


def leading_phrase(words: Sequence[tuple[int, str]]) -> tuple[int, int] | None:
    """Index range [0, n) of the name phrase that opens ``words`` (None when none does)."""
    if not words or not _capital(words[0][1].lstrip('("“')):
        return None
    n = 0
    while n < len(words) and n < MAX_PHRASE_WORDS:
        word = words[n][1]
        core = word.strip(_TRIM + "()")
        if n and (not core or word.startswith("(")):
            break
        nxt = words[n + 1][1] if n + 1 < len(words) else ""
        if n and core.endswith("-") and nxt in ("och", "eller") and n + 2 < len(words):
            n += 3  # "Gymnastik- och Idrottsförbund", "tjej- och kvinnojour"
            continue
        if core in CONNECTORS and nxt.strip(_TRIM) in _lex().countries:
            break  # "Odense kommun i Danmark": the country is where, not part of the name
        if n == 0 or _capital(core) or _is_head(core) or (core in CONNECTORS and _capital(nxt)):
            n += 1
        elif (
            n == 1
            and words[0][1].endswith("s")
            and core.isalpha()
            and core.islower()
            and _capital(nxt)
            and nxt.strip(_TRIM) not in ("Region",)
        ):
            n += 1  # "Folkets bio Umeå": a genitive, its noun, then the place
        else:
            break
        if word.endswith((")", ".", ",", ";", ":")):
            break
    return (0, n) if n else None


def trailing_phrase(words: Sequence[tuple[int, str]]) -> int | None:
    """Index where the name phrase that closes ``words`` starts (None when none does)."""
    i = len(words)
    while i > 0 and len(words) - i < MAX_PHRASE_WORDS:
        word = words[i - 1][1]
        core = word.strip(_TRIM + "()")
        if i < len(words) and word.endswith((":", ")", ".")):
            break
        prev = words[i - 2][1].strip(_TRIM + "()") if i >= 2 else ""
        joins = core in CONNECTORS and i < len(words)
        if not (_capital(core) or ((_is_head(core) or joins) and _capital(prev))):
            break
        i -= 1
        if word.startswith("("):
            break
    while i < len(words) and not _capital(words[i][1].strip(_TRIM + "(")):
        i += 1
    return i if i < len(words) else None


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str


def _span(words: Sequence[tuple[int, str]], lo: int, hi: int) -> Phrase:
    start = words[lo][0]
    last_pos, last = words[hi - 1]
    stripped = last.rstrip(_TRIM + ")")
    if stripped.count("(") > stripped.count(")"):
        stripped = stripped.split("(")[0]
    end = last_pos + len(stripped)
    first = words[lo][1]
    lead = len(first) - len(first.lstrip('("“'))
    return Phrase(start + lead, end, "")


def _phrase(text: str, p: Phrase) -> Phrase:
    return Phrase(p.start, p.end, text[p.start : p.end])


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """List parts of ``text[start:end]``; "tjej- och kvinnojour" stays one part."""
    parts: list[tuple[int, int]] = []
    pos = start
    for m in _SEP.finditer(text, start, end):
        if text[m.start() - 1 : m.start()] == "-" and "och" in m.group(0):
            continue
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, end))
    return [(a, b) for a, b in parts if b > a]


def list_runs(text: str, start: int, end: int) -> Iterator[list[Phrase]]:
    """Enumerations inside one sentence: runs of name phrases joined by separators.

    A short part that is no name ("entreprenörer", "Skogstekniska klustret") is skipped
    without ending the list; a long one ends it, and its closing name may start the next.
    """
    chunks = _chunks(text, start, end)
    run: list[Phrase] = []
    for index, (a, b) in enumerate(chunks):
        words = _words(text[a:b], a)
        lead = leading_phrase(words)
        if lead is not None and lead[1] == len(words):
            run.append(_phrase(text, _span(words, 0, lead[1])))
            continue
        last = index == len(chunks) - 1
        # The list ends here: at the sentence's last part or at a closing parenthesis.
        closes = lead is not None and words[lead[1] - 1][1].endswith(")")
        if lead is not None and (last or closes) and _ends_name(words, lead[1]):
            run.append(_phrase(text, _span(words, 0, lead[1])))
        if last or len(words) > SHORT_SKIP_WORDS or not run:
            if len(run) >= 2:
                yield run
            tail = trailing_phrase(words)
            if tail is not None and tail > 0 and words[tail - 1][1] in PLACE_PREPOSITIONS:
                tail = None
            run = [_phrase(text, _span(words, tail, len(words)))] if tail is not None else []
    if len(run) >= 2:
        yield run


def _ends_name(words: Sequence[tuple[int, str]], n: int, strict: bool = False) -> bool:
    """False for a genitive that governs the next word ("Natos ambition", "Folkets bio");
    ``strict``: also for an adjective of a common noun ("Europeiska regionala
    utvecklingsfonden"), i.e. any lower-case word after the phrase that is no stop word."""
    last = words[n - 1][1]
    if last.endswith((",", ".", ";", ":", ")")):
        return True
    nxt = words[n][1] if n < len(words) else ""
    governed = nxt[:1].islower() and nxt.strip(_TRIM) not in _lex().stop_words
    return not (governed and (strict or last.endswith("s")))


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _SENTENCE.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


# "Moderator: Karin Öhman", "Antecknat av: Per Lindgren": a field label, not a body.
_LABEL_AFTER = re.compile(r"(?:[ \t]+[a-zåäö]{1,4})?:")
# "Kulturplan för Västernorrland 2024–2027", "Regionplan 2023", "Handlingsplan för …": a
# plan, strategy or report in a list beside bodies.
_PLAN_HEAD = re.compile(r"(?i)(?:plan|planen|strategi|strategin|policy|rapport|utredning)$")
# "Box 443", "Postadress 901 09": the address in a page footer.
_ADDRESS = re.compile(r"(?:Box|Postbox|Pb|Postadress|Besöksadress)\b\.?\s*\d")


def plausible_org(name: str, g: Gazetteer) -> bool:
    """Not a place, a generic word, a clause opener or an arena/project name."""
    lex = _lex()
    words = name.split()
    folded = name.casefold()
    if not words or folded in lex.not_org or words[0].casefold() in lex.openers:
        return False
    if len(words) >= 3 and name.isupper():
        return False  # "UPPFÖLJNING AV DET REGIONALA …": a title in capitals
    if not words[0][:1].isupper() or words[0] in lex.generic_first or _REGION_INSIDE.search(name):
        return False
    if folded in lex.programmes or _ADDRESS.match(name) or _PLAN_HEAD.search(words[0]):
        return False
    if g.municipality(name):
        return False
    if any(work_word(w) for w in words) or (len(words) == 1 and len(name) < 3):
        return False
    if unit_word(words[-1]):
        return False
    if words[-1] in ("kommuner", "kommunerna", "regioner", "regionerna"):  # generic groups
        return False
    if len(words) == 1 and not (re.search(r"[A-ZÅÄÖ]{2}|\d", name) or len(name) >= 5):
        return False
    # "Skogstekniska klustret": one capital, then common nouns; unless a head word ends it
    # or a coordinated compound sits inside it ("Umeå tjej- och kvinnojour").
    lowercase_tail = len(words) > 1 and all(not _capital(w) for w in words[1:])
    return not lowercase_tail or _is_head(words[-1]) or "- och " in name


_TITLE_AFTER = re.compile(r",\s+([a-zåäö]+)")


def person_like(text: str, p: Phrase) -> bool:
    """ "Sara Ajnnak, artist och kompositör": two or three plain capitalised words followed
    by a lower-case title are a person, not a body; so is "Per-Erik Holmberg, LKAB" when
    its first word is a common given name."""
    words = text[p.start : p.end].split()
    if 2 <= len(words) <= 3 and _given_name(words[0]) and _ROLE_THEN_COMMA.match(text, p.end):
        return True  # "Per Nyström, Luleå kommun", "Anna Lind (ordförande), Region X"
    # "Luleå tekniska universitet – Sara Wikström": the person after a roster line's dash.
    if 2 <= len(words) <= 3 and _given_name(words[0]) and text[p.start - 3 : p.start] == " – ":
        return True
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    if any(_is_head(w) or work_word(w) for w in words):
        return False
    title = _TITLE_AFTER.match(text, p.end)
    return title is not None and title.group(1) not in _lex().stop_words


_ROLE_THEN_COMMA = re.compile(r"(?: \([^()\n]{1,40}\))?,")


def _given_name(word: str) -> bool:
    names = given_names()
    return all(part in names for part in word.split("-"))


def _covered(p: Phrase, occupied: set[int]) -> bool:
    return any(i in occupied for i in range(p.start, p.end))


def enumerated_orgs(text: str, anchors: Sequence[OrgMention], g: Gazetteer) -> Iterator[OrgMention]:
    """Unknown items of enumerations that list at least one known organisation."""
    occupied = {i for m in anchors if m.org_type != "place" for i in range(m.start, m.end)}
    starts = sorted(m.start for m in anchors if m.org_type != "place")
    for s, e in sentence_spans(text):
        first = bisect_left(starts, s)
        if first == len(starts) or starts[first] >= e or _heading(text, s, e):
            continue
        if _CONTACT.search(text, s, e):
            continue
        for run in list_runs(text, s, e):
            known = sum(1 for p in run if _covered(p, occupied))
            if known == 0:
                continue
            for p in run:
                if (
                    not _covered(p, occupied)
                    and plausible_org(p.text, g)
                    and not person_like(text, p)
                    and not _bullet_head(text, p)
                    and not _non_role_field(text, p)
                    and not _LABEL_AFTER.match(text, p.end)
                    and not _closes_description(text, p)
                    and not _in_table_line(text, p)
                    and not _holds_event(text[p.start : p.end])
                    and not _title_over_prose(text, p)
                    and not _over_bullets(text, p)
                    and not _WORK_NOUN_BEFORE.search(text, max(0, p.start - 20), p.start)
                ):
                    yield _mention(p, ENUM_CONFIDENCE)


# "… Visitors Board Besöksnäringsdagarna i Norrbotten": an event's name runs on after the body's.
_EVENT_WORD = re.compile(r"[a-zåäö](?:dagen|dagarna|veckan|mässan|konferensen)$")


def _title_over_prose(text: str, p: Phrase) -> bool:
    """A paragraph's first line standing alone over prose ("Testflyg Inland" / "Arvidsjaurs
    kommun äger projektet."): a title, not an item of a list of names."""
    paragraph_start = p.start == 0 or text.endswith("\n\n", 0, p.start)
    if not paragraph_start or text[p.end : p.end + 1] != "\n":
        return False
    nxt = text.find("\n", p.end + 1)
    line = text[p.end + 1 : len(text) if nxt < 0 else nxt].rstrip()
    return line.endswith(".") and " " in line


# "konsortiet TjälNorr, där A och B ingår": a name after a work noun names that work.
_WORK_NOUN_BEFORE = re.compile(
    r"\b(?:projektet|konsortiet|nätverket|förstudien|satsningen|plattformen|partnerskapet"
    r"|klustret|forumet|rådet|samarbetet|initiativet|arenan|testbädden) $"
)


def _over_bullets(text: str, p: Phrase) -> bool:
    """ "Medlemmar" or "Forskning och utbildning" / "• Luleå tekniska universitet": a short line
    right over a bullet list heads it."""
    line_start = text.rfind("\n", 0, p.start) + 1
    line_end = text.find("\n", p.end)
    line = text[line_start:line_end] if line_end >= 0 else ""
    if not line or _BULLET_AT.match(line) or len(line.split()) > GROUP_LINE_WORDS:
        return False
    return not line.rstrip().endswith((".", ":")) and bool(_BULLET_AT.match(text, line_end + 1))


GROUP_LINE_WORDS = 5


def _holds_event(phrase: str) -> bool:
    return any(_EVENT_WORD.search(w) for w in phrase.split()[1:])


def _in_table_line(text: str, p: Phrase) -> bool:
    """A space-aligned table's line ("Hållbar besöks-    Jämtlands Handels-    Vinnova"): its
    cells are read by loaders/tables.py, not as an enumeration."""
    start = text.rfind("\n", 0, p.start) + 1
    end = text.find("\n", p.end)
    return "   " in text[start : len(text) if end < 0 else end]


def _closes_description(text: str, p: Phrase) -> bool:
    """ "(stöd ur den strategiska planen för …, GJP)": the short form that closes a
    parenthesised description names that description (a plan, a programme), no party."""
    if text[p.end : p.end + 1] != ")":
        return False
    opening = text.rfind("(", max(0, p.start - 200), p.start)
    return opening >= 0 and text[opening + 1 : opening + 2].islower()


_BULLET_START = re.compile(BULLET_LEAD.pattern + "$")
_BULLET_AT = re.compile(BULLET_LEAD.pattern + r"\S")
# "Delområde: Aurora", "Norsk statlig IR-finansiering: 120 000": a field whose label names
# no organisational role holds no organisation ("Partner: A, B" and "Finansiärer: …" do).
_FIELD_LABEL = re.compile(r"[ \t]*([^\n:]{2,40}):[ \t]")
_ROLE_STEMS = (
    "partner",
    "ägare",
    "finansiär",
    "medfinansi",
    "medlem",
    "deltag",
    "sökande",
    "ansvarig",
    "samverkan",
    "parter",
    "värd",
    "samordn",
    "arrangör",
    "huvudman",
)


def _non_role_field(text: str, p: Phrase) -> bool:
    line_start = text.rfind("\n", 0, p.start) + 1
    label = _FIELD_LABEL.match(text, line_start, p.start)
    return label is not None and not any(r in label.group(1).casefold() for r in _ROLE_STEMS)


def _bullet_head(text: str, p: Phrase) -> bool:
    """The first words of a bullet line that goes on ("• Gränslöst, tryggt och levande Nord –
    projektpartner är …"): a title, not an item of the list on the line before it."""
    line_start = text.rfind("\n", 0, p.start) + 1
    line_end = text.find("\n", p.end)
    rest = text[p.end : len(text) if line_end < 0 else line_end]
    return bool(_BULLET_START.fullmatch(text[line_start : p.start])) and bool(rest.strip(" .,;"))


def _heading(text: str, start: int, end: int) -> bool:
    """A short line without final punctuation is a heading, not an enumeration."""
    line = text[start:end].strip()
    return len(line) < HEADING_CHARS and not line.endswith((".", "!", "?", ":"))


def _mention(p: Phrase, confidence: float, kind: OrgType = OrgType.OTHER) -> OrgMention:
    return OrgMention(p.start, p.end, p.text, p.text, kind.value, confidence=confidence)


def _defined_type(clause: str) -> OrgType:
    """The kind a defining clause gives ("är en ideell förening": civil society)."""
    head = clause[:80].casefold()
    for word, kind in _defining_nouns().items():
        if word in head:
            return kind
    return OrgType.OTHER


@lru_cache(maxsize=1)
def _defining_nouns() -> dict[str, OrgType]:
    spec = load_toml("names.toml")["defining_nouns"]
    assert isinstance(spec, dict)
    return {str(k): OrgType(str(v)) for k, v in spec.items()}


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    spec = load_toml("names.toml")
    before = spec["org_cues_before"]
    after = spec["org_cues_after"]
    subject = spec["org_subject_cues"]
    assert isinstance(before, list) and isinstance(after, list) and isinstance(subject, list)
    return (
        re.compile(r"(?:" + "|".join(str(c) for c in before) + r")\s+"),
        re.compile(r"^(?:" + "|".join(str(c) for c in after) + r")"),
        re.compile(r"^(?:" + "|".join(str(c) for c in subject) + r")"),
    )


def cued_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """Names right after an agent/partner cue, or before an apposition such as
    ", med säte i"."""
    before, after, subject = _cue_patterns()
    for m in before.finditer(text):
        stop = _sentence_end(text, m.end())
        for a, b in _chunks(text, m.end(), stop):
            words = _words(text[a:b], a)
            lead = leading_phrase(words)
            if lead is None:
                break
            p = _phrase(text, _span(words, 0, lead[1]))
            if (
                plausible_org(p.text, g)
                and _ends_name(words, lead[1], strict=True)
                and not person_like(text, p)
                and not _LABEL_AFTER.match(text, p.end)
            ):
                yield _mention(p, CUE_CONFIDENCE)
            if lead[1] != len(words):
                break
    sentence_starts = [s for s, _ in sentence_spans(text)]
    seen: set[int] = set()
    for m in re.finditer(after.pattern.lstrip("^") + "|" + subject.pattern.lstrip("^"), text):
        # Only the sentence around a rare apposition cue is parsed.
        s = sentence_starts[bisect_left(sentence_starts, m.start() + 1) - 1]
        if s in seen:
            continue
        seen.add(s)
        words = _words(text[s : m.start()], s)
        lead = leading_phrase(words)
        if lead is None:
            continue
        p = _phrase(text, _span(words, 0, lead[1]))
        rest = text[p.end : m.end()].lstrip(" ,")
        rest = re.sub(r"^\([^()]{1,20}\),?\s*", "", rest)
        if (after.match(rest) or subject.match(rest)) and plausible_org(p.text, g):
            yield _mention(p, CUE_CONFIDENCE, _defined_type(rest))


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?](?=\s)|\n\s*\n|\)").search(text, pos)
    return m.start() if m else len(text)


__all__ = [
    "Phrase",
    "cued_orgs",
    "enumerated_orgs",
    "leading_phrase",
    "list_runs",
    "plausible_org",
    "trailing_phrase",
]
