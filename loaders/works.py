"""Arena and project names in running text and in list headings.

Swedish reports name a project or an arena in a handful of recurring ways, all rules as
data in patterns/works.toml:

* after a cue noun, possibly a compound or a hyphenated one: "projektet Resilify",
  "samverkansprojektet Stärkt samverkan för …", "Horizont-projektet Giving Rural …
  (GRANULAR)", "Tillväxtverkets satsning Kommuner för serviceutveckling", "samarbetet
  Botniska korridoren";
* as the subject of a defining clause: "CEI Boost är ett EU-finansierat projekt",
  "Change the game är en mötesplats";
* in a list after a plural cue: "projekt som Attrahera Flera, Move up North och …";
* as a capitalised compound of a meeting word: "Novembermötet", "Mötesplats Lycksele".

List headings under "Ett urval av insatser" name a project only when they look like a
name (an acronym, a proper noun or a quote before the first preposition) or when their
paragraph opens by calling them a project; otherwise they describe an activity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from loaders.doc import Item
from loaders.gazetteer import gazetteer, load_toml, org_shapes
from loaders.structure import CAPTION, ENUMERATION, FIELD_LINE, theme_words
from loaders.structure import rules as structure_rules
from ontology.reference import given_names, municipalities

ARENA = "arena"
PROJECT = "project"
MAX_NAME_WORDS = 16
MAX_LOWER_WORDS = 6
_CONNECT = frozenset({"i", "för", "av", "på", "om", "mot", "med", "till", "inom", "vid", "från"})
# Connectors that may also join two capitalised parts ("Film i Västerbotten", "Fossilfri
# färjetrafik till Härnön"); "med" and the like before a capital start a new phrase
# ("Resilify med Åsele som …").
_CAPITAL_CONNECT = frozenset({"i", "för", "av", "på", "till"})
_STAGE_WORDS = frozenset({"etapp", "fas", "steg"})
_ROAD = re.compile(r"E\d{1,2}")  # European routes: "E4", "E10", "E45"
_FUNDING_AFTER_MED = frozenset({"stöd", "hjälp", "finansiering", "medel", "bidrag"})
_EN_CONNECT = frozenset({"on", "and", "of", "for", "the", "in", "to", "up", "a", "&"})
_DASH = frozenset({"-", "–"})
_ARTICLES = frozenset({"en", "ett", "det", "den", "de"})
_LIST_WORDS = frozenset({"och", "samt", "eller"})
MAX_SUBTITLE_WORDS = 8  # "R10 - vinnare i den gröna omställningen"
_ACRONYM = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9/&.-]*[A-ZÅÄÖ0-9]$|^[A-ZÅÄÖ]{2,}\w*-?\w*$")
_VERB_LIKE = re.compile(r"(?:ras|des|tes|ats|ar|ades|at|it|ade|dde|tte)$")  # "nådde", "visade"
_QUOTED = re.compile(
    r"[ \t]*(?:\"([^\"\n]{3,120})\"|\*([^*\n]{3,120})\*|“([^”\n]{3,120})”|”([^”\n]{3,120})”"
    r"|«([^»\n]{3,120})»)"
)
_DEFINITE_END = re.compile(r"(?:et|en|na)$")
# A heading line, without its markdown marks, section number and a leading work noun
# ("### 1.4 Förstudie Inlandsbanan som besöksnäringsstråk").
# "Arktisk värmelagring. Hur kan …": a newsletter item's run-in title, a paragraph's first
# words up to a full stop.
_RUN_IN_TITLE = re.compile(r"(?:^|(?<=\n\n))([A-ZÅÄÖ][^\n.!?:]{4,60}?)\. (?=[A-ZÅÄÖ])")
_HEADING_LINE = re.compile(
    r"^(?:#{1,6}[ \t]+)?(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:(?:Förstudie|Projekt)[ \t]+)?"
    r"([A-ZÅÄÖ][^\n]{4,80}?)[ \t]*$",
    re.M,
)
MAX_HEADING_WORDS = 8
MAX_HEADING_CHARS = 80
STANDING_CHARS = 400  # how far a standing cue may follow "är ett samarbete"
MIN_NAMED_HEAD_WORDS = 3  # "Nätverket för X": the head, "för" and at least one word
_TRAILING_ACR = re.compile(r"[ \t]*\(([A-ZÅÄÖ][\wÅÄÖåäö.&/-]{1,14})\)")


@dataclass(frozen=True)
class WorkName:
    """A project or arena name found in the text (cleaned offsets of the raw name)."""

    kind: str
    start: int
    end: int
    text: str
    acronym: str | None = None  # an acronym or another short form, kept as an alias


@dataclass(frozen=True)
class _Rules:
    cues: list[tuple[re.Pattern[str], str]]
    predicate: re.Pattern[str]
    predicate_kinds: list[tuple[re.Pattern[str], str]]
    list_cue: re.Pattern[str]
    compound: re.Pattern[str]
    arena_words: re.Pattern[str]
    stop: frozenset[str]
    descriptive_first: frozenset[str]
    activity_words: re.Pattern[str]
    body_cue: re.Pattern[str]
    generic_nouns: frozenset[str]
    not_work: re.Pattern[str]
    descriptive_endings: tuple[str, ...]
    named_head: re.Pattern[str]
    naming: re.Pattern[str]
    apposition_before: re.Pattern[str]
    apposition_after: re.Pattern[str]
    dash_title: re.Pattern[str]
    dash_heads: frozenset[str]
    arena_nouns: frozenset[str]
    standing: re.Pattern[str]
    generic_heads: frozenset[str]


def _strs(spec: dict[str, object], key: str) -> list[str]:
    value = spec[key]
    assert isinstance(value, list)
    return [str(v) for v in value]


# Mid-sentence: after a lower-case word or comma, or after a year ("sedan 2025 Bioekonomiarenan").
_AFTER_LOWER_OR_YEAR = r"(?:(?<=[a-zåäö,] )|(?<=[12]\d{3} ))"


@lru_cache(maxsize=1)
def rules() -> _Rules:
    spec = load_toml("works.toml")
    names = load_toml("names.toml")
    before, after, dash = _apposition_patterns(spec)
    cues = [
        (
            re.compile(
                r"(?:" + "|".join(_strs(spec, kind)) + r")(?:[ \t]*[,:])?[ \t]+(?:är[ \t]+)?"
            ),
            kind,
        )
        for kind in (PROJECT, ARENA)
    ]
    nouns = _strs(spec, "predicate_nouns_project") + _strs(spec, "predicate_nouns_arena")
    predicate = re.compile(
        r"\s+(?:\([^()]{1,20}\)\s+)?(?:är|var|(?:bildades|startades|inrättades)(?:\s+\d{4})?\s+som)"
        r"\s+(?:exempel på\s+)?"
        r"(?:ett|en|(?!dels\b)[a-zåäö]{3,}(?:ens|ets|ns))\s+"  # "är regionens rådgivande forum"
        r"(?:[\wåäö-]+\s+){0,4}?[\wåäö+-]*?(" + "|".join(nouns) + r")\b"
    )
    kinds = [
        (re.compile("(?:" + "|".join(_strs(spec, f"predicate_nouns_{k}")) + ")$"), k)
        for k in (ARENA, PROJECT)
    ]
    return _Rules(
        cues=cues,
        predicate=predicate,
        predicate_kinds=kinds,
        standing=re.compile(r"(?i)\b(?:" + "|".join(_strs(spec, "standing_cues")) + r")"),
        list_cue=re.compile(r"(?:" + "|".join(_strs(spec, "list_cues")) + r")[ \t]+"),
        compound=re.compile(f"{_AFTER_LOWER_OR_YEAR}({'|'.join(_strs(spec, 'arena_compounds'))})"),
        arena_words=re.compile(r"(?i)(?:" + "|".join(_strs(spec, "arena_name_words")) + r")"),
        stop=frozenset(_strs(names, "name_stop_words")) | frozenset(_strs(spec, "extra_stops")),
        descriptive_first=frozenset(_strs(spec, "descriptive_first_words")),
        activity_words=re.compile(r"(?i)\b(?:" + "|".join(_strs(spec, "activity_words")) + r")"),
        body_cue=re.compile(r"^(?:" + "|".join(_strs(spec, "body_cues")) + r")\b"),
        generic_nouns=frozenset(w.casefold() for w in _strs(spec, "generic_nouns")),
        not_work=re.compile("(?i)" + "|".join(_strs(spec, "not_work_words"))),
        descriptive_endings=tuple(_strs(spec, "descriptive_endings")),
        named_head=re.compile(r"\b(?:" + "|".join(_strs(spec, "named_heads")) + r") för (?=\w)"),
        naming=re.compile(r"\b(?:" + "|".join(_strs(spec, "naming_cues")) + r")[ \t]+"),
        apposition_before=before,
        apposition_after=after,
        dash_title=dash,
        dash_heads=frozenset(_strs(spec, "dash_title_heads")),
        arena_nouns=frozenset(_strs(spec, "apposition_arena")),
        generic_heads=frozenset(_strs(spec, "generic_compound_heads")),
    )


def _apposition_patterns(
    spec: dict[str, object],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(_strs(spec, "apposition_arena") + _strs(spec, "apposition_project"))
    # "X, länets nätverk för …": a genitive determiner too.
    phrase = (
        r"(?:ett|en|det|den|länets|regionens)\s+(?:[\wåäö-]+\s+){0,3}?[\wåäö-]*?(" + nouns + r")"
    )
    return (
        # "ett nytt nätverk, X, som": the name follows the noun phrase and its comma.
        re.compile(r"\b" + phrase + r",[ \t]+(?=[A-ZÅÄÖ\"“])"),
        # "X, ett forum där": the name precedes the comma.
        re.compile(r",[ \t]+" + phrase + r"(?![\wåäö])"),
        # "Title – en dialoggrupp där …" opening a paragraph.
        re.compile(
            r"^[ \t]*(?:[•·*][ \t]+|- )?(\*{1,2}(?=[A-ZÅÄÖ]))?"
            r"([A-ZÅÄÖ](?:[^\n.:;!?–*]|(?<=\d)\.(?=\d)){2,70}?)\*{0,2}"
            r"[ \t]+[–-][ \t]+(?!och\b|eller\b)"
            r"(?:" + phrase + r"\b|(" + "|".join(_strs(spec, "dash_title_roles")) + r")\b)?",
            re.M,
        ),
    )


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _plain_capital(word: str) -> bool:
    """ "Stärkt", "Bothnia": one capital letter, first; not "OSN", "ViiBIC", "NetZeroCities"."""
    return word[:1].isupper() and sum(ch.isupper() for ch in word) == 1


def _core(word: str) -> str:
    return word.strip(".,;:!?\"”“'*()")


def name_at(
    text: str, pos: int, headings: dict[str, tuple[str, ...]] | None = None, limit: int = 200
) -> str:
    """The name that starts at ``pos``: a heading of the document that the text repeats
    ("Rättigheterna är våra!"), an acronym definition, or capitalised words with
    connectors and, after one capitalised word that is not an acronym, up to a few
    lower-case words (a Swedish sentence-case title: "Stärkt samverkan för mänskliga
    rättigheter")."""
    chunk = text[pos : pos + limit]
    line = chunk.split("\n", 1)[0]
    words = line.split(" ")
    if not words or not _capital(words[0].lstrip('"“”«*')):
        return ""
    for heading in (headings or {}).get(words[0], ()):
        if line.startswith(heading) and not line[len(heading) : len(heading) + 1].isalnum():
            return heading
    name = _acronym_span(line) or _words_name(words)
    if name.count("(") > name.count(")"):
        name = name.split("(")[0].rstrip()
    return name


def _acronym_span(line: str) -> str | None:
    """ "Digital omställning Västerbottens industrier (DOVI) …": the words up to an
    acronym in parentheses whose letters they spell, with the acronym."""
    m = re.search(r"\s\(([A-ZÅÄÖ][\wÅÄÖåäö.&/-]{1,14})\)", line[:160])
    if not m or re.search(r"[.;:!?]\s", line[: m.start()]):
        return None
    words = line[: m.start()].split()
    if len(words) > MAX_NAME_WORDS or not words:
        return None
    head = " ".join(words)
    # "Snölast och solel (SNOSOL)": connectors may join the words an acronym spells.
    if any(_core(w) in rules().stop - _CONNECT - {"och"} for w in words):
        return None
    if spells(m.group(1), head) and initials_match(m.group(1), words):
        return line[: m.end()]
    return None


def initials_match(acronym: str, words: list[str]) -> bool:
    """The acronym starts with the first word's initial and has at most two capitals per
    word ("SNOSOL" for "Snölast och solel"; "(EFNS)" after one word is no definition)."""
    caps = sum(ch.isupper() for ch in acronym)
    return acronym[0].casefold() == words[0][0].casefold() and caps <= 2 * len(words)


def spells(acronym: str, name: str) -> bool:
    """The acronym's letters appear in order in the name, and its digits too."""
    letters = iter(name.upper())
    if not all(ch in letters for ch in acronym.upper() if ch.isalpha()):
        return False
    return all(d in name for d in acronym if d.isdigit())


def _words_name(words: list[str]) -> str:
    r = rules()
    taken: list[str] = []
    lower = 0
    plain = 0  # capitalised words that are no acronym; exactly one allows sentence case
    skip = 0
    for i, raw in enumerate(words[:MAX_NAME_WORDS]):
        if skip:
            skip -= 1
            continue
        w = _core(raw)
        nxt = _core(words[i + 1]) if i + 1 < len(words) else ""
        if raw in _DASH and taken and nxt[:1].islower() and len(taken) <= 2:
            if nxt in _ARTICLES or _clause_after(_before_comma(words[i + 1 : i + 4])):
                break  # "Landsbygdsnätverket Norrbotten – ett forum för …": an apposition
            if _DEFINITE_GENITIVE.fullmatch(nxt):
                break  # "Nyckeldagen – plattformens årliga mötesplats": an apposition
            return " ".join(taken + _subtitle(words[i:]))
        if not w or (raw.startswith("(") and (not raw.endswith(")") or _has_digit(raw))):
            break  # an expansion or a period "(2017–2019)" in parentheses is not part of it
        if _PERIOD.fullmatch(w):
            break  # "Strukturfondspartnerskapet Övre Norrland 2021–2027": a period, no name
        if re.search(r"[:’']s\W*$", raw):
            taken.append(raw[: raw.rindex("s")].rstrip(":’'"))
            break  # "FREIA:s aktiviteter": a genitive ends the name
        sentence_case = plain == 1 and lower < MAX_LOWER_WORDS
        if w == "tillsammans" and nxt == "med":
            break  # "… i Norrbotten tillsammans med A": the partner cue, not the name
        if w in _CAPITAL_CONNECT and _ROAD.fullmatch(nxt):
            break  # "Elväg Nord på E4": the road the project runs on, not its name
        if (
            taken
            and w in _STAGE_WORDS
            and re.fullmatch(r"\d{1,2}[,.]?", words[i + 1] if nxt else "")
        ):
            taken += [raw, words[i + 1].rstrip(",.")]  # "Bredband Borgafjäll etapp 2"
            break
        if sentence_case and w == "och" and _title_and(words[i + 1 : i + 5]):
            taken += [raw, words[i + 1]]  # "Renar och vind drivs av …", "Kultur och hälsa i X"
            if _core(words[i + 2]) in _TITLE_END_VERBS if i + 2 < len(words) else True:
                break
            lower, skip = lower + 1, 1
            continue
        if taken and w in _PLACE_TAILS and _core(taken[-1])[:1].isupper():
            taken.append(raw)  # "Västerbottens inland", "Pite älvdal": one place
            if raw.endswith((",", ".", ";", ":", "?", ")")):
                break
            continue
        if _capital(w):
            embedded = bool(taken) and _core(taken[-1]) in _CAPITAL_CONNECT
            place = bool(taken) and _is_place(f"{_core(taken[-1])} {w}")  # "Jämtland Härjedalen"
            if lower and not sentence_case and not embedded and not place:
                break
            taken.append(raw)
            # "Hållbar besöksnäring i Södra Lappland": a place inside a sentence-case title
            # keeps the title in sentence case.
            if not (lower and (embedded or _plain_capital(_core(taken[-2])))):
                plain += int(_plain_capital(w))
        elif _joins(w, nxt, sentence_case) or (w in _PLACE_ADJECTIVES and _capital(nxt)):
            taken.append(raw)  # "… i södra Lappland": a place adjective before its place
        elif (
            sentence_case
            and w not in r.stop
            and w.replace("-", "").isalpha()  # "Gemensam e-arkivlösning för Norrbotten"
            and not (lower and _VERB_LIKE.search(w))
        ):
            taken.append(raw)
            lower += 1
        else:
            break
        if raw.endswith((",", ".", ";", ":", "?", ")")):
            break
    while taken and _core(taken[-1]) in _CONNECT | _EN_CONNECT:
        taken.pop()
    return " ".join(taken).rstrip(",.;:")


_PERIOD = re.compile(r"(?:19|20)\d\d[–-](?:19|20)?\d\d")
# The genitive of a setting or body noun opens an apposition ("– plattformens årliga …");
# "Laxfiske – framtidens besöksnäring" is a subtitle.
_DEFINITE_GENITIVE = re.compile(
    r"(?:plattformens|nätverkets|forumets|rådets|projektets|partnerskapets|klustrets"
    r"|förbundets|regionens|kommunens|länets|föreningens|universitetets|alliansens)"
)


def _title_and(rest: list[str]) -> bool:
    """ "och vind drivs": a lower-case word after "och" that a verb ends, so the "och" joins
    two words of one title instead of two phrases."""
    if len(rest) >= 2 and rest[0].endswith(",") and rest[0][:-1].isalpha() and rest[0].islower():
        # "… för vård och omsorg, samordnas av": the apposition's comma closes the title
        return _core(rest[1]) in rules().stop - _LIST_WORDS
    if len(rest) < 2 or not rest[0].isalpha() or not rest[0].islower() or rest[0] in rules().stop:
        return False
    if _core(rest[1]) in rules().stop - _LIST_WORDS:  # a verb or a preposition ends it
        return True
    # "Kultur och hälsa i Västerbotten", "Skog och ren i södra Lappland": on to a place.
    if len(rest) > 3 and rest[2] in _PLACE_ADJECTIVES:
        rest = [rest[0], rest[1], *rest[3:]]
    return len(rest) > 2 and rest[1] in _CAPITAL_CONNECT and _capital(_core(rest[2]))


_PLACE_TAILS = frozenset({"inland", "inlandet", "kustland", "älvdal", "älvdalen", "fjällvärld"})
_PLACE_ADJECTIVES = frozenset({"norra", "södra", "östra", "västra", "övre", "inre", "hela"})


_TITLE_END_VERBS = frozenset(
    {"drivs", "leds", "är", "har", "ska", "finansieras", "samordnas", "genomförs", "pågår"}
)


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def _joins(word: str, nxt: str, sentence_case: bool) -> bool:
    """A connector inside a name: before a capitalised word ("Film i Västerbotten",
    "Council of Tampere"), or inside a sentence-case title ("samverkan för mänskliga")."""
    if word in _EN_CONNECT:
        return _capital(nxt)
    if word == "med" and nxt in _FUNDING_AFTER_MED:
        return False  # "Hemleverans i glesbygd med stöd från …": the funding, not the name
    if _capital(nxt):
        return word in _CAPITAL_CONNECT
    return word in _CONNECT and sentence_case and nxt not in rules().stop


_NOT_VERBS = _CONNECT | _ARTICLES | _LIST_WORDS | {"att"}


def _before_comma(words: list[str]) -> list[str]:
    """The words up to and with the first that ends in a comma."""
    for k, w in enumerate(words):
        if w.endswith(","):
            return words[: k + 1]
    return words


def _clause_after(words: list[str]) -> bool:
    """ "– samordnas av …", "– projektpartner är …": a clause after the dash, no subtitle."""
    return any(_core(w) in rules().stop - _NOT_VERBS for w in words)


def _subtitle(words: list[str]) -> list[str]:
    """A dash and the lower-case subtitle after it, up to the next comma or stop."""
    out = [words[0]]
    for raw in words[1 : 1 + MAX_SUBTITLE_WORDS]:
        if raw in _SUBTITLE_VERBS:
            break  # "Smakvägen – mat och upplevelser längs Silvervägen pågår 2027–2029"
        out.append(raw.rstrip(",.;:"))
        if raw.endswith((",", ".", ";", ":")):
            break
    return out


# Verbs that end a subtitle: what follows says something of the work.
_SUBTITLE_VERBS = frozenset(
    {"pågår", "pågick", "startar", "startade", "ägs", "drivs", "leds", "finansieras", "är", "var"}
)


def _heading_rest(text: str, cue_start: int, pos: int) -> str | None:
    """ "Forskningsprojekt IFO i glesbygd" as a heading line: the rest of the line."""
    line_start = text.rfind("\n", 0, cue_start) + 1
    end = line_end(text, pos)
    if " " in text[line_start:cue_start] or end - line_start > MAX_HEADING_CHARS:
        return None
    rest = text[pos:end].rstrip()
    if not rest or rest[-1] in ".,;:!?" or not _capital(rest):
        return None
    return rest.split(", ", 1)[0]  # "Förstudie: X, RISE och LTU, finansierad av …"


def heading_index(text: str) -> dict[str, tuple[str, ...]]:
    """Multi-word heading lines by first word, longest first (for :func:`name_at`)."""
    index: dict[str, list[str]] = {}
    for m in (*_HEADING_LINE.finditer(text), *_RUN_IN_TITLE.finditer(text)):
        line = m.group(1)
        if 2 <= len(line.split()) <= MAX_HEADING_WORDS and line[-1] not in ".,;:":
            index.setdefault(line.split(" ")[0], []).append(line)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()}


# The cue is the tail of a capitalised compound word ("Vintertestnätverket").
_CAPITALISED_COMPOUND = re.compile(r"(?<![\w-])[A-ZÅÄÖ][a-zåäö]+[a-zåäö]$")


def _compound_opens_name(text: str, cue_start: int, pos: int) -> bool:
    """The cue is the tail of a capitalised compound and only places follow it: the compound
    opens the name ("Vintertestnätverket Arvidsjaur–Arjeplog"); "Kunskapsprojektet Renar och
    vind" names what follows."""
    if not _CAPITALISED_COMPOUND.search(text, max(0, cue_start - 40), cue_start + 1):
        return False
    name = name_at(text, pos)
    return bool(name) and all(_is_place(part) for part in re.split(r"[–-]", name))


# Support received "inom programmet X" / "genom programmet X": X is the funder's programme.
_FUNDING_PROGRAMME = re.compile(
    r"\b(?:stöd|medel|finansiering|bidrag|finansieras|finansierad|finansierat)\b[^.\n]{0,50}"
    r"\b(?:inom|genom|från|ur) programmet[ \t]*$"
)


_WORKING_NAME = re.compile(r"[^,.;:\n]{0,60}(?<! )")


def cue_names(text: str, headings: dict[str, tuple[str, ...]] | None = None) -> Iterator[WorkName]:
    """Names right after a cue noun ("projektet X", "samarbetet Y", "satsning Z")."""
    r = rules()
    for pattern, kind in r.cues:
        for m in pattern.finditer(text):
            pos = m.end()
            cue = m.group(0).rstrip()
            if cue.endswith(" är") and not re.search(r"(?:et|en)\W*är$", cue):
                continue  # "nya projekt är X" states a fact; "Det andra projektet är X" names
            if "   " in m.group(0) or "\t" in m.group(0):
                continue  # "Projekt      Projektägare": a table's column labels
            if text[pos : pos + 1].isdigit() and text[m.start() - 1 : m.start()].isalpha():
                continue  # "Marskonferensen 2024": a year after a compound name
            if _compound_opens_name(text, m.start(), pos):
                continue  # "Vintertestnätverket Arvidsjaur–Arjeplog": found as a compound
            if _FUNDING_PROGRAMME.search(text, max(0, m.start() - 60), m.end()):
                continue  # "stöd från Vinnova inom programmet Vinnväxt": a funding programme
            # "EU-samordnarnätverket Nord samlades i Piteå": a definite compound opens a
            # sentence; "Forskningsprojekt IFO i glesbygd" is a title.
            definite_tail = text[m.start() - 1 : m.start()].isalpha() and cue.endswith(("et", "en"))
            whole = None if definite_tail else _heading_rest(text, m.start(), pos)
            if whole:
                yield WorkName(kind, pos, pos + len(whole), whole)
                continue
            quoted = _QUOTED.match(text, pos)
            if quoted:
                inner = next(g for g in quoted.groups() if g)
                start = quoted.start() + quoted.group(0).index(inner) - 1
                yield WorkName(
                    kind, start, start + len(inner) + 2, text[start : start + len(inner) + 2]
                )
                continue
            name = name_at(text, pos, headings)
            if cue == "arbetsnamnet":  # "med arbetsnamnet Gränsleder Blå vägen, om …"
                working = _WORKING_NAME.match(text, pos)
                name = working.group(0) if working else name
            if name and _compound_with_place(text, m.start(), pos):
                continue  # "Leadernätverket Västerbotten": the compound and place are the name
            if name:
                acr = _TRAILING_ACR.match(text, pos + len(name))
                # "samarbete, Energiråd Pite älvdal": a collaboration that names a council
                named = ARENA if cue.startswith("samarbete") and names_setting(name) else kind
                yield WorkName(named, pos, pos + len(name), name, acr.group(1) if acr else None)


def _compound_with_place(text: str, cue_start: int, pos: int) -> bool:
    """The cue ends a capitalised compound and a place follows ("i Leadernätverket
    Västerbotten", "Rymdnätverket Norrbotten presenterades …"): compound and place are the
    name, found by the compound rules."""
    word = re.search(r"[\wåäöÅÄÖ-]*$", text[max(0, cue_start - 40) : cue_start])
    head = word.group(0) if word else ""
    if head.endswith("-"):
        return False  # "Interreg Aurora-projektet Barents Kylkedja": a label, then the name
    return head[:1].isupper() and bool(_place_after(text, pos - 1))


def predicate_names(text: str) -> Iterator[WorkName]:
    """ "CEI Boost är ett EU-finansierat projekt": the subject of a defining clause."""
    r = rules()
    for start, end in _sentences(text):
        m = r.predicate.search(text, start, min(end, start + 220))
        if not m:
            continue
        subject = text[start : m.start()].strip()
        if not subject or not _capital(subject) or len(subject.split()) > MAX_NAME_WORDS:
            continue
        if re.search(r",?\s(?:som|vilket|där|är|var|har|ska|att)(?:\s|$)|\soch$", subject):
            continue  # "Nätverket, som administreras av …, är en plattform": a clause
        first = _core(subject.split()[0])
        if first.casefold() in r.descriptive_first or generic_noun(first):
            continue
        acr = re.search(r"\s*\(([^()]{1,20})\)\s*$", text[start : m.start() + 25].split(" är ")[0])
        name = subject.split(" (")[0].strip()
        kind = next((k for p, k in r.predicate_kinds if p.search(m.group(1))), PROJECT)
        if (
            r.arena_words.search(name.split()[-1])
            or _standing(text, m, end)
            or _OFFICE.search(first)
            or (m.group(1).endswith("samarbete") and names_setting(name))
        ):
            kind = ARENA  # "EU-kontoret Mittsverige är ett samarbete mellan …": a standing office
        yield WorkName(kind, start, start + len(name), name, acr.group(1) if acr else None)


_OFFICE = re.compile(r"(?:kontor(?:et)?|[Oo]ffice)$")


def _standing(text: str, m: re.Match[str], end: int) -> bool:
    """A "samarbete" is an arena when the text calls it lasting ("ett formaliserat
    samarbete", "Samarbetet har under flera år …"), else a project."""
    if m.group(1) != "samarbete":
        return False
    para_end = text.find("\n\n", end)
    para_end = min(para_end if para_end >= 0 else len(text), end + STANDING_CHARS)
    return bool(rules().standing.search(text, m.start(), para_end))


_SINGULAR_BEFORE = re.compile(r"\b(?:ett|en)(?: nytt| ny)? $")


def listed_names(text: str) -> Iterator[WorkName]:
    """ "projekt som Attrahera Flera, Move up North och Welcome House": every item."""
    r = rules()
    for m in r.list_cue.finditer(text):
        if _SINGULAR_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "ett projekt som Vindelns kommun äger": a relative clause, no list
        pos = m.end()
        for _ in range(8):
            name = name_at(text, pos)
            if not name:
                break
            yield WorkName(PROJECT, pos, pos + len(name), name)
            sep = re.match(r"\s*(?:,\s*|\s+och\s+|\s+samt\s+)", text[pos + len(name) :])
            if not sep:
                break
            pos += len(name) + sep.end()


def named_head_names(text: str) -> Iterator[WorkName]:
    """ "Nätverket för kulturarvsfrågor", "Rådet för rörelserikedom": head noun + purpose."""
    for m in rules().named_head.finditer(text):
        if text[m.end()].isupper() and not _place_after(text, m.end() - 1):
            continue  # "Partnerskapet för Mellersta Norrland" names a place; else lower case
        name = _bare_item(text, m.start()) or name_at(text, m.start())
        if len(name.split()) >= MIN_NAMED_HEAD_WORDS:
            acr = _TRAILING_ACR.match(text, m.start() + len(name))
            end = m.start() + len(name)
            yield WorkName(ARENA, m.start(), end, name, acr.group(1) if acr else None)


# A list item that is only a name: bullet, name, line end ("• Beredningen för arbetsmarknad
# och utbildning"); no verb, no sentence punctuation.
_BARE_ITEM = re.compile(r"[^\n.!?;:–]{3,80}?(?=[ \t]*$)", re.M)
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*[-•·*][ \t]+$")


def _bare_item(text: str, pos: int) -> str | None:
    """The whole item when ``pos`` opens a bullet line that holds a name and nothing else."""
    if not _BULLET_BEFORE.search(text, max(0, pos - 12), pos):
        return None
    m = _BARE_ITEM.match(text, pos)
    if m is None or any(_core(w) in rules().stop - _LIST_WORDS for w in m.group(0).split()):
        return None
    return m.group(0)


def compound_names(text: str) -> Iterator[WorkName]:
    """ "Novembermötet", "Mötesplats Lycksele", "SUSSA-samarbetet" mid-sentence."""
    for m in rules().compound.finditer(text):
        if _CAPITAL_BEFORE.search(text, max(0, m.start(1) - 40), m.start(1)):
            continue  # "Höga Kusten-samverkan" is found from its first word, not "Kusten-"
        found = _compound_name(text, m.start(1), m.group(1))
        if _MEETING_END.search(m.group(1)) and _day_month().search(text, found.end, found.end + 30):
            continue  # "på Energikonferensen Gävleborg i Gävle den 18 mars": a dated one-off
        yield found
    # Sentence-initial compounds: "Skogslänsgruppen samlar …", "Planeringsnätverket i
    # Norrbotten …"; bare common nouns ("Arbetsgruppen", "Styrgruppen") are generic.
    for m in _INITIAL_COMPOUND.finditer(text):
        if "   " in text[m.start(1) : line_end(text, m.start(1))]:
            continue  # a table row's cell: the table's column says what it names
        if text[m.start(1) - 2 : m.start(1)] in _BULLETS and not _DEFINITE_END.search(m.group(1)):
            continue  # "• Kulturplattform Kvarken – projektpartner är …": the item says what
        found = _compound_name(text, m.start(1), m.group(1))
        if found.text == m.group(1):
            continue  # only with a place or purpose after it: a bare one may be generic
        rest = found.text[len(m.group(1)) + 1 :]
        if not generic_noun(m.group(1)):
            yield found
        elif rest[:1].isupper():
            # "Samverkansgruppen Innovationsledning Västerbotten": the name after the noun
            # is its short form.
            yield WorkName(ARENA, found.start, found.end, found.text, rest)


def subject_compound_names(text: str) -> Iterator[WorkName]:
    """ "Stomgruppen samlar …", "Innovationsrådgivarnätverket, där …": a definite compound
    that opens a sentence as its subject names a setting, unless its first part makes it a
    common noun ("Styrgruppen beslutar …")."""
    for m in _SUBJECT_COMPOUND.finditer(text):
        head = m.group(1)[: -len(m.group(2))].casefold()
        if generic_noun(m.group(1)) or head in rules().generic_heads:
            continue
        if re.search(re.escape(m.group(1)) + r"(?: i)? [A-ZÅÄÖ]", text):
            continue  # "Fjällteknikklustret" after "Fjällteknikklustret Jämtland": its short form
        yield WorkName(ARENA, m.start(1), m.end(1), m.group(1))


_SUBJECT_COMPOUND = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n)|(?<=\n[•–-] ))([A-ZÅÄÖ][a-zåäö]{3,}"
    r"(nätverket|(?<!om)rådet|forumet|gruppen|plattformen|partnerskapet|klustret|arenan|alliansen))"
    r"(?=,? (?:där|som)\b| (?!och\b|i\b|för\b|med\b)[a-zåäö]+ )"
)


def place_compound_names(text: str) -> Iterator[WorkName]:
    """ "genom Piteå Citysamverkan, där …": a place before a capitalised setting compound."""
    for m in _PLACE_COMPOUND.finditer(text):
        if _is_place(m.group(1)) and not _CAPITAL_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            yield WorkName(ARENA, m.start(), m.end(), m.group(0))


_PLACE_COMPOUND = re.compile(
    r"(?<=[a-zåäö,] )([A-ZÅÄÖ][a-zåäö]+) [A-ZÅÄÖ][a-zåäö]{3,}"
    r"(?:samverkan|nätverket|(?<!om)rådet|forumet|plattformen|partnerskapet|klustret)\b"
    r"(?! [A-ZÅÄÖ])"
)


_BULLETS = frozenset({"- ", "• ", "– ", "* "})
_MEETING_END = re.compile(r"(?:mötet|konferensen|träffen)$")
# A capitalised word right before, mid-sentence: the compound is the tail of a longer name.
_CAPITAL_BEFORE = re.compile(r"(?:^|[a-zåäö,] )[A-ZÅÄÖ][a-zåäö]+ $", re.M)
_SECOND_PLACE = re.compile(r" ([A-ZÅÄÖ][\wåäö-]+) i ([A-ZÅÄÖ][\wåäö-]+)$")
# "Leader Pohjoisin Lappi i Finland": a country closes the name before it.
_COUNTRY_TAIL = re.compile(r" i (?:Finland|Norge|Sverige|Danmark|Island|Ryssland)$")


def _compound_name(text: str, start: int, compound: str) -> WorkName:
    """The compound opens the name; the name may go on ("Europaforum Norra Sverige",
    "Branschforum buss", "Strukturfondspartnerskapet för Övre Norrland"). A definite compound
    ("Novembermötet") is a whole name unless a place follows it ("Kompetensrådet Västerbotten",
    "Planeringsnätverket i Norrbotten")."""
    name = name_at(text, start)
    head = compound.rstrip()
    name = _COUNTRY_TAIL.sub("", name)
    second = _SECOND_PLACE.search(name)
    if second and _is_place(second.group(1)) and _is_place(second.group(2)):
        name = name[: second.end(1)]  # "Klimatforum Norr i Umeå": where it met, not its name
    if not name.startswith(compound):
        name = compound  # "Klimat- och energirådet": the words before are no name of their own
    rest = name[len(head) :].split()
    if 0 < len(rest) <= 2 and all(map(_capital, rest)) and _is_place(rest[-1]):
        pass  # "Samrådsgruppen Norrbotniabanan Västerbotten": a name that ends in a place
    elif _DEFINITE_END.search(head) and not name.startswith(head + " för "):
        name = head + (
            _place_after(text, start + len(head)) or _own_name_after(text, start + len(head))
        )
    if text.startswith(" län", start + len(name)) and _is_place(name.rsplit(" ", 1)[-1]):
        name += " län"  # "S3-rådet Örebro län"
    where = _OWN_NAME_WHERE.match(name)
    if where and _is_place(where.group(2)) and not _is_place(where.group(1).split()[-1]):
        name = where.group(1)  # "Kompetenscentrum Kallbygg i Skellefteå": where it is
    return WorkName(ARENA, start, start + len(name), name)


_INITIAL_COMPOUND = re.compile(
    r"(?:(?<=\n)|(?<=[.!?] )|(?<=\n- )|(?<=\n• )|(?<=\n– )|(?<=\n\* )|^)"  # bullets too
    r"((?:[A-ZÅÄÖ][a-zåäö]{3,}|[A-ZÅÄÖ]{2,4}-[a-zåäö]{3,})(?:nätverket|(?<!om)rådet|forumet|gruppen"
    r"|plattformen|partnerskapet|klustret|beredningen|arenan|testbädden|alliansen|nätet)\b"
    r"(?= [A-ZÅÄÖ]| i [A-ZÅÄÖ]| för [a-zåäö])"
    r"|[A-ZÅÄÖ][a-zåäö]{4,}(?:nätverk|(?<!om)råd|forum|plattform|partnerskap|kluster|samverkan)"
    r"(?= [A-ZÅÄÖ]| i [A-ZÅÄÖ]| för (?:norra|södra|övre|inre|hela) [A-ZÅÄÖ]))"
    r"(?! för [a-zåäö]+ (?:att|som)\b)"
)
_PLACE_AFTER = re.compile(r"(?: i)? ([A-ZÅÄÖ][\wåäö-]+)(?: ([A-ZÅÄÖa-zåäö][\wåäö-]+))?")


def _place_after(text: str, pos: int) -> str:
    """ " Västerbotten", " i Norrbotten", " Jämtland Härjedalen", " Bottniska viken": the
    place that closes a name at ``pos`` (two words when both form a place, else one)."""
    m = _PLACE_AFTER.match(text, pos)
    if m is None:
        return ""
    if m.group(2) and _is_place(f"{m.group(1)} {m.group(2)}"):
        return m.group(0)
    if m.group(2) == "län" and _is_place(m.group(1)):
        return m.group(0)  # "S3-rådet Örebro län"
    if _is_place(m.group(1)):
        pair = _PLACE_PAIR.match(text, m.end(1))  # "Arvidsjaur–Arjeplog": two places, one name
        return text[pos : pair.end() if pair and _is_place(pair.group(1)) else m.end(1)]
    first = m.group(1).split("-", 1)[0]
    if first != m.group(1) and _is_place(first):
        return text[pos : m.end(1)]  # "Kalix-Töre", "Haparanda-Tornio": a place and its twin
    return ""


_PLACE_PAIR = re.compile(r"[–-]([A-ZÅÄÖ][\wåäö]+)")


_OWN_NAME_WHERE = re.compile(r"^([A-ZÅÄÖ]\S+ [A-ZÅÄÖ][\wåäö-]+) i ([A-ZÅÄÖ][\wåäö-]+)$")


def _own_name_after(text: str, pos: int) -> str:
    """ "Företagsnätverket Kustkraft, som …": a compound that calls the work by its kind,
    then the one capitalised word that is its own name, before a comma or a clause."""
    m = _OWN_NAME.match(text, pos)
    if m is None or m.group(1) in gazetteer().known or m.group(1) in given_names():
        return ""
    return m.group(0)


_OWN_NAME = re.compile(
    r" ([A-ZÅÄÖ][a-zåäö]{3,})(?=[,.;:]| (?:som|där|har|är|ska|med|leds|samordnas|drivs|samlar)\b)"
)


def short_name(name: str) -> str | None:
    """The compound a name opens with, when a place is all that follows it: "Energibordet
    Malmfälten" is "Energibordet" in the next sentence."""
    first, _, rest = name.partition(" ")
    if len(first) < SHORT_NAME_CHARS or not first[:1].isupper() or not first[1:].islower():
        return None
    if generic_noun(first) or not rest[:1].isupper() or not _is_place(rest):
        return None
    return first


SHORT_NAME_CHARS = 8


def _is_place(name: str) -> bool:
    g = gazetteer()
    words = name.split()
    return bool(
        g.municipality(name)
        or name in _county_names()
        or name in _area_names()
        or all(w in _county_names() or w in _area_names() for w in words)  # "Jämtland Härjedalen"
        or words[-1] in _NORTH_WORDS
        or name.lower() in g.region_names
        or _LANDSCAPE_WORD.fullmatch(name) is not None
    )


# "Skelleftedalen", "Vindelälven", "Bottenviken": one capitalised word that ends in a
# landscape noun names a place, known to the gazetteer or not.
_LANDSCAPE_WORD = re.compile(r"[A-ZÅÄÖ][a-zåäö]*(?:dalen|älven|kusten|bygden|fjällen|viken|sjön)")


@lru_cache(maxsize=1)
def _area_names() -> frozenset[str]:
    spec = load_toml("geography.toml")
    return frozenset(_strs(spec, "area_names"))


_NORTH_WORDS = frozenset(
    {
        "Norr",
        "Nord",
        "Syd",
        "Mitt",
        "Väst",
        "Öst",
        "Nordost",
        "Sydost",
        "Sverige",
        "Lapland",
        "Sápmi",
    }
)


@lru_cache(maxsize=1)
def _county_names() -> frozenset[str]:
    return frozenset(g.removesuffix("s") for g in _county_genitives())


_HEADING_ACRONYM = re.compile(r"^([A-ZÅÄÖ][^\n()]{3,100}?) \(([\wÅÄÖåäö.&/-]{2,14})\)[ \t]*$", re.M)


def heading_acronym_names(text: str) -> Iterator[WorkName]:
    """A heading line "Name (ACR)" whose acronym the name spells defines an initiative
    ("Innovationsekosystem i Omställning i Västerbotten (iiOV)")."""
    r = rules()
    for m in _HEADING_ACRONYM.finditer(text):
        name, acronym = m.group(1), m.group(2)
        if name.rstrip()[-1:] in ".,;:" or not spells(acronym, name) or "   " in name:
            continue  # "Projekt      Projektägare      Belopp (kr)" is a table header
        # "Forum för kompetensförsörjning i Norrbotten (FKN)": a setting word opens the name.
        first, last = name.split()[0].casefold(), name.split()[-1]
        setting = r.arena_words.search(last) or r.arena_words.search(first)
        kind = ARENA if setting else PROJECT
        yield WorkName(kind, m.start(), m.end(2) + 1, m.group(0).rstrip(), acronym)


def _definite_kind(noun: str) -> str:
    """The kind a definite work noun gives what it speaks of ("Projektet" / "FORUMET")."""
    return PROJECT if noun.casefold() in _PROJECT_DEFINITES else ARENA


_PROJECT_DEFINITES = frozenset({"projektet", "förstudien", "satsningen"})


def _kind_of(noun: str) -> str:
    return ARENA if any(noun.endswith(a) for a in rules().arena_nouns) else PROJECT


_DEFINED = re.compile(r"^(.*?)\s*\(([^()]{1,20})\)$")


def naming_names(text: str) -> Iterator[WorkName]:
    """ "Samarbetet har fått namnet Bottenvikens vätgaskorridor (BVK)": the kind comes from
    the last work noun before the cue in its sentence."""
    r = rules()
    for m in r.naming.finditer(text):
        name = name_at(text, m.end())
        if not name:
            continue
        opening = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
        nouns = re.findall(
            r"(?i)(" + "|".join(sorted(r.arena_nouns)) + r"|projekt|förstudie|satsning)",
            text[opening + 1 : m.start()],
        )
        kind = _kind_of(nouns[-1].casefold()) if nouns else PROJECT
        if _TIME_LIMITED.search(text, m.end(), _sentence_after(text, m.end())):
            kind = PROJECT  # "… har fått namnet X och ska under tre år undersöka …"
        defined = _DEFINED.match(name)
        if defined:  # "Bottenvikens vätgaskorridor (BVK)"
            short = defined.group(1)
            yield WorkName(kind, m.end(), m.end() + len(short), short, defined.group(2))
            continue
        acr = _TRAILING_ACR.match(text, m.end() + len(name))
        yield WorkName(kind, m.end(), m.end() + len(name), name, acr.group(1) if acr else None)


def apposition_names(text: str) -> Iterator[WorkName]:
    """ "ett nytt nätverk, Batterikompetens Norr, som …" and "Kompetensplattform
    Västerbotten, ett forum där …": a name in apposition to a work noun phrase."""
    r = rules()
    for m in r.apposition_before.finditer(text):
        name = name_at(text, m.end())
        if name:  # "Ett tidigare samarbete, Energiråd Pite älvdal, …": a council all the same
            kind = ARENA if names_setting(name) else _kind_of(m.group(1).casefold())
            yield WorkName(kind, m.end(), m.end() + len(name), name)
    for m in r.apposition_after.finditer(text):
        if "engångs" in m.group(0):
            continue  # "Nordic Tourism Summit 2024, en engångskonferens": a one-off event
        acr = _ACRONYM_BEFORE.search(text, max(0, m.start() - 20), m.start())
        limited = _YEARS_LONG.search(m.group(0)) is not None  # "ett treårigt samarbete"
        end = acr.start() if acr else m.start()
        end -= 2 if text[end - 2 : end] == "**" else 0  # "**Botnia Hydrogen Valley**, ett …"
        start = _name_start_before(text, end)
        if start is None:  # "Centrum för arktisk transportforskning, en centrumbildning"
            head = _HEAD_FOR.search(text, max(0, end - 80), end)
            start = head.start(1) if head else None
        if start is not None:
            name = text[start:end]
            kind = PROJECT if limited else _kind_of(m.group(1).casefold())
            yield WorkName(kind, start, end, name, acr.group(1) if acr else None)


_YEARS_LONG = re.compile(r"\b(?:ett|två|tre|fyra|fem)årig")  # "ett treårigt samarbete"
_TIME_LIMITED = re.compile(r"\bunder (?:ett|två|tre|fyra|fem) år\b|" + _YEARS_LONG.pattern)
# A setting named by its head and purpose in lower case before an apposition.
_HEAD_FOR = re.compile(
    r"(?:^|(?<=[\s(]))((?:Centrum|Forum|Nätverket|Rådet|Plattformen|Partnerskapet|Arenan"
    r"|Kompetenscentrum) för(?: [a-zåäö-]+){1,4})$"
)
# "Green Transition Academy (GTA), en satsning": the acronym between name and apposition;
# "Hydrogen Valley North (Vätgasdalen Norr), ett partnerskap": a translated name there.
_ACRONYM_BEFORE = re.compile(
    r"[ \t]+\(([A-ZÅÄÖ][\wÅÄÖ-]{1,14}|[A-ZÅÄÖ][\wåäö-]+(?: [A-ZÅÄÖ][\wåäö-]+){1,3})\)$"
)
# English names keep their small words: "Proof of Concept North, ett verifieringsprogram".
_EN_NAME_CONNECT = frozenset({"of", "and", "for", "the", "&"})


_TITLE_PREPOSITIONS = frozenset({"från", "med", "mot", "genom", "under", "via", "vid", "till"})
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(*]))([\wÅÄÖåäöé&.-]+)[ \t]*$")


@lru_cache(maxsize=1)
def _body_heads() -> tuple[str, ...]:
    """Words that end an organisation's name ("Kommunförbund", "Umeå kommun")."""
    return (*org_shapes().genitive_heads, "kommun", "kommunförbund")


def _name_start_before(text: str, end: int) -> int | None:
    """Start of the run of capitalised words (with "i"/"för" between them) that ends at
    ``end``: "har startat Kompetensplattform Västerbotten" → "Kompetensplattform …"."""
    start: int | None = None
    pos = end
    for _ in range(MAX_HEADING_WORDS):
        m = _WORD_BEFORE.search(text, max(0, pos - 60), pos)
        if not m or "\n" in text[m.end(1) : pos]:
            break  # no name runs on from the line above ("Nya i Kustlänken" / "Kustlänken, …")
        word = m.group(1)
        if word.endswith((".", "!", "?", ":", ";")):
            break  # "… av Region Norrbotten. Tornedalsrådet, ett …": the sentence before
        if start is not None and _core(word).casefold().endswith(_body_heads()):
            break  # "… Västerbottens Kommunförbund Kompetensdagen Västerbotten, länets …"
        if _capital(word):
            start, pos = m.start(1), m.start(1)
        elif start is not None and (word in _CAPITAL_CONNECT or word in _EN_NAME_CONNECT):
            pos = m.start(1)
        else:
            break
    if start is not None:
        year = _YEAR_CONNECT.match(text, start, end)
        start = year.end() if year else start  # "deltar sedan 2022 i Innovationsarenan Mitt"
    if start is None or _descriptive_first(_core(text[start:end].split()[0])):
        return None
    return start


_YEAR_CONNECT = re.compile(r"(?:19|20)\d\d (?:i|för) (?=[A-ZÅÄÖ])")


def dash_title_names(text: str) -> Iterator[WorkName]:
    """A paragraph opening "Arbetsgrupp Leder och friluftsliv – samordnar …" or
    "Rennäring och besöksnäring – en dialoggrupp där …"."""
    r = rules()
    for m in r.dash_title.finditer(text):
        title = m.group(2).strip("* ")
        words = title.split()
        if not words or len(words) > MAX_HEADING_WORDS or _descriptive_first(words[0]):
            continue
        if "engångs" in m.group(0) or _day_month().search(title):
            continue  # "Framtidsdagen i Lycksele 18 mars 2027 – en engångssatsning": one day
        # "Skolmat från fjällen – en förstudie": a title may hold a preposition when the
        # apposition names its kind.
        allowed = _LIST_WORDS | (_TITLE_PREPOSITIONS if m.group(3) else frozenset())
        if any(_core(w) in r.stop - allowed for w in words):
            continue  # "Nätverket har också ett samarbete med DIGG – …": a sentence
        if words[0] in r.dash_heads and len(words) > 1 and _capital(words[1]):
            kind = PROJECT if words[0].casefold().startswith(("projekt", "förstudie")) else ARENA
        elif m.group(3):
            kind = _kind_of(m.group(3).casefold())
        elif m.group(4):  # "Tiny homes i Arktis – projektpartner är …"
            kind = PROJECT
        elif m.group(1) and _EMPHASIS_BODY.search(text, m.end(), line_end(text, m.end())):
            kind = PROJECT  # "*Digitala byar* – fiber … Projektägare var …": a set-off name
        else:
            continue
        start = m.start(2) + m.group(2).index(title)
        defined = _DEFINED.match(title)
        if defined:  # "Samisk slöjdakademi (Sámi duodjeakademiija)": a translation or acronym
            short = defined.group(1)
            yield WorkName(kind, start, start + len(short), short, defined.group(2))
            continue
        yield WorkName(kind, start, start + len(title), title)


@lru_cache(maxsize=1)
def _day_month() -> re.Pattern[str]:
    """ "18 mars": a day of a month (the months of events.toml)."""
    months = load_toml("events.toml")["months"]
    assert isinstance(months, list)
    return re.compile(r"\b\d{1,2} (?:" + "|".join(map(str, months)) + r")\b")


# What an item's text says of a set-off (emphasised) title that makes it a project.
_EMPHASIS_BODY = re.compile(
    r"\b(?:Projektet|Projektägare|Förstudien|drevs av|drivs av|leddes av|leds av|"
    r"beviljades|medfinansierade|finansierades)\b"
)


def line_end(text: str, pos: int) -> int:
    """Where the line holding ``pos`` ends."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


_GENITIVE_COMPOUND = re.compile(
    r"(?<![\w-])((?:(?:Norra|Södra|Övre|Mellersta) )?[A-ZÅÄÖ][a-zåäö]+(?:s|(?<=[a-zåäö]{3})iska)) "
    r"((?:[a-zåäö]{3,}a )?(?:[A-ZÅÄÖ]{2,5}-|[A-ZÅÄÖa-zåäö][a-zåäö]{1,})?"
    r"(?:råd|nätverk|forum|plattform|kluster|partnerskap|allians|beredning)(?:et)?)(?![\wåäö-])"
    r"(?: ([A-ZÅÄÖ][a-zåäö]+)(?![\wåäö-]))?"
)
_MID_SENTENCE = re.compile(r"[a-zåäö,] $")


@lru_cache(maxsize=1)
def _county_genitives() -> frozenset[str]:
    return frozenset(m.county.removesuffix(" län") for m in municipalities())


def genitive_place_names(text: str) -> Iterator[WorkName]:
    """ "Norrbottens kulturråd", "Norrbottens Innovationsråd", "Norra Sveriges kompetensråd":
    a place in the genitive before a compound setting noun names that place's standing arena.
    Mid-sentence any proper genitive or adjective does ("i Gränsälvens räddningsråd",
    "Fjällkedjans EU-nätverk", "Nordiska vattenbruksnätverket"), unless a capitalised word
    before it makes it a body's own ("Region Västerbottens nätverk")."""
    for m in _GENITIVE_COMPOUND.finditer(text):
        place, after = m.group(1), m.group(3)
        area = place.removesuffix("s") in _area_names()  # "Malmfältens samverkansråd"
        before = text[max(0, m.start() - 40) : m.start()]
        if after and _is_place(after):  # "Industrins kompetensråd Norrbotten"
            yield WorkName(ARENA, m.start(), m.end(), m.group(0))
        elif (
            place in _county_genitives()
            or gazetteer().municipality(place)
            or area
            or _named_compound(m, before)
        ):
            yield WorkName(ARENA, m.start(), m.end(2), text[m.start() : m.end(2)])


def _named_compound(m: re.Match[str], before: str) -> bool:
    """ "i Gränsälvens räddningsråd": mid-sentence, a compound of its own ("nationella
    nätverk" is a description), and not an organisation's ("Tillväxtverkets …nätverk")."""
    return (
        _MID_SENTENCE.search(before) is not None
        and not _CAPITAL_BEFORE.search(before)
        and " " not in m.group(2)
        and _OWN_COMPOUND.fullmatch(m.group(2)) is not None
        and m.group(1) not in gazetteer().known
    )


_OWN_COMPOUND = re.compile(
    r"(?:[A-ZÅÄÖ]{2,5}-|[a-zåäö]{3,}?)"
    r"(?:råd|nätverk|forum|plattform|kluster|partnerskap|allians|beredning)(?:et)?"
)


_LEAD_IN = re.compile(
    r"(?i)(?:(?P<project>\b[\w-]*(?:projekt(?:en)?|förstudie[rn]?|satsningar(?:na)?"
    r"|initiativ(?:en)?))|(?P<arena>(?<![\w-])(?:nätverk(?:en)?|samverkansytor(?:na)?"
    r"|samverkansarenor(?:na)?|forum|råd(?:en)?)))\b"
    r"[^.\n]*:[ \t]*\n"
)
_LINE_COLON = re.compile(r":[ \t]*\n")
_BULLET_ITEM = re.compile(r"[ \t]*[•·*–-][ \t]+")
_DASH_ACRONYM = re.compile(r"[ \t]+[–-][ \t]+([A-ZÅÄÖ]{2,10})(?=[,.;:\s])")


def lead_in_list_names(text: str) -> Iterator[WorkName]:
    """ "… mindre stöd till tre EU-projekt, …:" followed by bullets: each bullet opens with a
    project's name ("• Unga i Kvarken, där …", "• Nordic Smart Energy Simulation Group –
    NOSEG, som …")."""
    for colon in _LINE_COLON.finditer(text):  # only lines that end in a colon can lead in
        line_start = text.rfind("\n", 0, colon.start()) + 1
        m = _LEAD_IN.search(text, line_start, colon.end())
        if m is None:
            continue
        kind = ARENA if m.group("arena") else PROJECT
        pos = m.end()
        while True:
            while text.startswith("\n", pos):
                pos += 1
            bullet = _BULLET_ITEM.match(text, pos)
            if not bullet:
                break
            start = bullet.end()
            name = name_at(text, start)
            setting = kind == ARENA and any(rules().arena_words.search(w) for w in name.split())
            if name and plausible_work_name(name) and (heading_names_work(name) or setting):
                acr = _DASH_ACRONYM.match(text, start + len(name))
                yield WorkName(kind, start, start + len(name), name, acr.group(1) if acr else None)
            next_break = text.find("\n", start)
            if next_break < 0:
                break
            pos = next_break + 1


def work_names(text: str) -> list[WorkName]:
    """Every arena/project name the text rules find, in text order."""
    found = [
        *cue_names(text, heading_index(text)),
        *predicate_names(text),
        *listed_names(text),
        *compound_names(text),
        *subject_compound_names(text),
        *place_compound_names(text),
        *named_head_names(text),
        *heading_acronym_names(text),
        *naming_names(text),
        *apposition_names(text),
        *dash_title_names(text),
        *genitive_place_names(text),
        *lead_in_list_names(text),
        *bold_subject_names(text),
        *bullet_sentence_names(text),
        *one_of_names(text),
        *event_names(text),
        *english_names(text),
        *section_title_names(text),
        *agent_subject_names(text),
        *counted_subject_names(text),
        *minutes_title_names(text),
        *lettered_item_names(text),
        *spelled_acronym_names(text),
        *short_formed_setting_names(text),
        *breadcrumb_names(text),  # a crumb the reader kept (pipeline: one it dropped)
        *tagline_names(text),
        *capitals_cue_names(text),
        *bold_run_in_names(text),
        *capitals_title_names(text),
    ]
    return sorted(_extended(text, found), key=lambda w: (w.start, -(w.end - w.start)))


def _extended(text: str, found: list[WorkName]) -> list[WorkName]:
    """A name cut short where another finder read it whole ("Arbetsgruppen Solel i kallt"
    beside the bold title "Solel i kallt klimat") is that whole name when the text goes on
    with it."""
    names = sorted({w.text for w in found}, key=len, reverse=True)
    out = []
    for w in found:
        longer = next(
            (n for n in names if len(n) > len(w.text) and n.startswith(w.text + " ")), None
        )
        if (
            longer
            and text.startswith(longer, w.start)
            and not longer[len(w.text) :].startswith(" i ")
        ):
            w = WorkName(w.kind, w.start, w.start + len(longer), longer, w.acronym)
        out.append(w)
    return out


# "COLDREGIO – Cold Region Building Renovation": an acronym that an English title after a
# dash spells out names an EU project (or, with a setting head, a network).
_ACRONYM_TITLE = re.compile(
    r"(?<![\w-])([A-ZÅÄÖ][A-ZÅÄÖ0-9]{3,11}) [–-] ((?:[A-Z][a-z]+ (?:(?:of|and|for|the|in) )?){1,6}"
    r"[A-Z][a-z]+)(?![\w-])"
)


# "Styrgruppen för smart specialisering (S3-styrgruppen)": a setting named for its task that
# the text gives a short form of its own is a named arena, not a generic group.
_SHORT_FORMED_SETTING = re.compile(
    r"(?<![\w-])([A-ZÅÄÖ][a-zåäö]*(?:gruppen|rådet|nätverket|forumet|beredningen|kommittén) för"
    r"(?: [a-zåäö-]+){1,5}) \(([^()\n]*[A-ZÅÄÖ0-9][^()\n]{0,28})\)"
)


# "Start / Projekt / TORBY – Tornedalsbyar i samverkan", "Hem › Projekt › Matnav Södra
# Lappland": a web page's breadcrumb ends in the name of the work the page is about.
_BREADCRUMB = re.compile(
    r"^[ \t]*(?:[^\n/›>]{1,40}[ \t]+[/›>][ \t]+)*?"
    r"(?:(?P<project>(?:Pågående |Avslutade |Aktuella |Våra )?(?:[Pp]rojekt|EU-projekt)|Projects)"
    r"|(?P<arena>Nätverk|Networks))"
    r"[ \t]+[/›>][ \t]+(?P<name>[A-ZÅÄÖ][^\n/›>]{1,80}?)[ \t]*$",
    re.M,
)


def breadcrumb_names(text: str) -> Iterator[WorkName]:
    for m in _BREADCRUMB.finditer(text[:BREADCRUMB_CHARS]):
        kind = PROJECT if m.group("project") else ARENA
        yield WorkName(kind, m.start("name"), m.end("name"), m.group("name"))


BREADCRUMB_CHARS = 600  # a breadcrumb stands at the top of the page

# "Kompetensbron Västerbotten" / "Regional kompetensplattform för ett län i omställning": a
# page title whose tagline, on the very next line, says what kind of work it is.
_TAGLINE = re.compile(
    r"(?m)^([A-ZÅÄÖ][^\n.:!?–|]{2,60}?)[ \t]*\n(?:[A-ZÅÄÖ]?[a-zåäö]+ ){0,2}?[A-ZÅÄÖ]?[a-zåäö]*?"
    r"(plattform|nätverk|forum|råd|partnerskap|kluster|projekt|förstudie|satsning)(?:et|en)?\b"
)


_PUBLICATION = re.compile(r"[ \t]*(?:[Nn]yhetsbrev|[Nn]yheter|[Mm]edlemsbrev|[Mm]edlemsblad)\b")

# "NYHETSBREV FRÅN NÄTVERKET KRAFT I INLANDET": a cue and a name in capitals.
_CAPITALS_CUE = re.compile(
    r"\b(NÄTVERKET|FORUMET|RÅDET|PLATTFORMEN|PARTNERSKAPET|PROJEKTET|FÖRSTUDIEN)"
    r"[ \t]+([A-ZÅÄÖ0-9][A-ZÅÄÖ0-9 \t-]{2,60}?)[ \t]*$",
    re.M,
)


def capitals_cue_names(text: str) -> Iterator[WorkName]:
    """A name written in capitals after a cue, found again where the text writes it in
    its own case ("… har anslutit sig till Kraft i inlandet")."""
    folded = text.casefold()
    for m in _CAPITALS_CUE.finditer(text):
        phrase = m.group(2).casefold()
        at = folded.find(phrase)
        while at >= 0 and text[at : at + len(phrase)].isupper():
            at = folded.find(phrase, at + 1)
        if (
            at >= 0
            and not text[at - 1 : at].isalnum()
            and not text[at + len(phrase) :][:1].isalnum()
        ):
            kind = _definite_kind(m.group(1))
            name = text[at : at + len(phrase)]
            yield WorkName(kind, at, at + len(phrase), name)
            yield WorkName(kind, m.start(2), m.end(2), name)  # the capitals mention it too


def names_setting(name: str) -> bool:
    """ "EU-forum Övre Norrland är ett samarbete …": a name whose first words end in a
    setting noun names a standing arena when the text calls it a collaboration."""
    return _has_setting_word(name.split()[:2])


def _has_setting_word(words: list[str]) -> bool:
    """One of the words is a setting noun ("…nätverket", "Forum", "…rådet")."""
    return any(_SETTING_WORD.search(_core(w).casefold()) for w in words)


def tagline_names(text: str) -> Iterator[WorkName]:
    for m in _TAGLINE.finditer(text[:BREADCRUMB_CHARS]):
        title = m.group(1)
        if _PUBLICATION.match(text, m.end(1) + 1):
            continue  # "GRÄNSNYTT" / "Nyhetsbrev från Fjällgränsrådet": a newsletter's name
        if heading_names_work(title) and plausible_work_name(title):
            yield WorkName(_kind_of(m.group(2)), m.start(1), m.end(1), title)


def short_formed_setting_names(text: str) -> Iterator[WorkName]:
    for m in _SHORT_FORMED_SETTING.finditer(text):
        yield WorkName(ARENA, m.start(1), m.end(1), m.group(1), m.group(2))


def spelled_acronym_names(text: str) -> Iterator[WorkName]:
    for m in _ACRONYM_TITLE.finditer(text):
        acronym, title = m.group(1), m.group(2)
        if not spells(acronym, title) or acronym[0] != title[0]:
            continue
        kind = ARENA if _english_name().fullmatch(title) else PROJECT
        yield WorkName(kind, m.start(), m.end(), m.group(0), acronym)


_BOLD_SUBJECT = re.compile(
    r"^[ \t]*(?:[-•*][ \t]+|\d{1,2}[.)][ \t]+)?\*\*([A-ZÅÄÖ][^*\n]{2,80}?)\*\*[ \t]+"
    r"(?=(?:sammankallas|leds|samordnas|drivs|koordineras|består|samlar|träffas|möts)\b)",
    re.M,
)


_BULLET_SENTENCE = re.compile(
    r"^[ \t]*[–•·-][ \t]+([A-ZÅÄÖ][^\n.:;!?()–]{2,80}?)(?: \(([A-ZÅÄÖ][\wÅÄÖ-]{1,14})\))?\."
    r"[ \t]+(?:[A-ZÅÄÖ]\w*?)?"
    r"(?i:(projektet|förstudien|satsningen|nätverket|forumet|plattformen))\b",
    re.M,
)


def bullet_sentence_names(text: str) -> Iterator[WorkName]:
    """ "– Reindeer and Roads in the North (REINROAD). Projektet ska …": a bullet whose
    first sentence is a bare title and whose next sentence speaks of it as a work."""
    for m in _BULLET_SENTENCE.finditer(text):
        if len(m.group(1).split()) > MAX_HEADING_WORDS:
            continue
        yield WorkName(_definite_kind(m.group(3)), m.start(1), m.end(1), m.group(1), m.group(2))


# "Ett av de större projekten som beviljades stöd i höstas, SCABEAC, ska …" and "fyra
# projekt. Ett av dem är C4SS – …": one of several works, then its name.
_ONE_OF = re.compile(
    r"\b[Ee](?:tt|n) av (?:de |dessa |våra )?(?:[\wåäö-]+ )?"
    r"(projekten|förstudierna|satsningarna|nätverken|forumen|plattformarna)\b[^.,;\n]{0,60},[ \t]+"
    r"(?=[A-ZÅÄÖ\d])"
    r"|\b[Ee](?:tt|n) av (?:dem|dessa) (?:är|var)[ \t]+(?=[A-ZÅÄÖ\d])"
)
_ONE_OF_ARENAS = frozenset({"nätverken", "forumen", "plattformarna"})
ONE_OF_CONTEXT = 200  # chars before "Ett av dem" that must speak of projects


def one_of_names(text: str) -> Iterator[WorkName]:
    """A work named as one of several ("Ett av projekten, X, …", "Ett av dem är X")."""
    for m in _ONE_OF.finditer(text):
        noun = m.group(1)
        if noun is None and "projekt" not in text[max(0, m.start() - ONE_OF_CONTEXT) : m.start()]:
            continue
        name = name_at(text, m.end())
        if name:
            kind = ARENA if noun in _ONE_OF_ARENAS else PROJECT
            yield WorkName(kind, m.end(), m.end() + len(name), name)


@lru_cache(maxsize=1)
def _event_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    spec = load_toml("works.toml")
    return (
        re.compile(str(spec["event_compounds"])),
        re.compile(str(spec["event_cues"])),
        re.compile(r"(?i)\b(?:" + "|".join(_strs(spec, "recurrence")) + r")"),
    )


@lru_cache(maxsize=1)
def _event_hyphenated() -> re.Pattern[str]:
    return re.compile(str(load_toml("works.toml")["event_hyphenated"]))


_NAME_BEFORE_HYPHEN = re.compile(r"(?<![\w-])(?:[A-ZÅÄÖ][a-zåäö]+ )?[A-ZÅÄÖ][\wåäö]+$")
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n\n")


def _sentence_after(text: str, pos: int) -> int:
    """End of the sentence after the one holding ``pos``."""
    end = pos
    for _ in range(2):
        m = _SENTENCE_BREAK.search(text, end + 1)
        end = m.end() if m else len(text)
    return end


def event_names(text: str) -> Iterator[WorkName]:
    """ "Solelsdagen Norr", "Bioekonomiveckan i Örnsköldsvik arrangerades för tredje året",
    "konferensen X": a named event the text says recurs is a standing arena. Its name is the
    compound and a place without "i" ("Solelsdagen Norr"); "i Östersund" is where it met."""
    compound, cue, recurs = _event_rules()
    starts = [(m.start(), m.group(0)) for m in compound.finditer(text)]
    for m in _event_hyphenated().finditer(text):
        before = _NAME_BEFORE_HYPHEN.search(text, max(0, m.start() - 40), m.start())
        if before:
            starts.append((before.start(), text[before.start() : m.end()]))
    starts += [(m.end(), "") for m in cue.finditer(text)]
    for start, head in starts:
        lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), 0)
        hi = _sentence_after(text, start)
        if not recurs.search(text, lo, hi) or _ONE_OFF.search(text, lo, hi):
            continue  # the sentence naming it (and the next) must say that it recurs
        name = name_at(text, start).split(" i ")[0]
        if head and not name.startswith(head):
            name = head
        name = re.sub(r"\s+(?:19|20)\d\d\b.*$", "", name)  # "… 2025 avslås": a year ends it
        if name and not name[:1].isdigit():
            yield WorkName(ARENA, start, start + len(name), name)


_ONE_OFF = re.compile(r"\b(?:var|är|blir) ett engångs")  # "Mässan var ett engångsarrangemang"


@lru_cache(maxsize=1)
def _english_name() -> re.Pattern[str]:
    spec = load_toml("works.toml")
    groups = "|".join(_strs(spec, "english_group_words"))
    heads = "|".join([*_strs(spec, "english_arena_heads"), f"(?:{groups}) Group"])
    places = "|".join(_strs(spec, "english_place_words"))
    return re.compile(
        rf"(?<![\w-])((?:[A-ZÅÄÖ][\wåäöÅÄÖ&'-]+ ){{1,4}}(?:{heads}))(?: ({places}))?"
        r"(?![\w-])(?! of\b| [A-ZÅÄÖ])"
    )


_FUNDED_AFTER = re.compile(r",?\s+(?:som\s+)?(?:finansiera[dt]s?|finansieras|beviljades)\b")
# Words that open a sentence, not a name ("The Network …", "Our Forum …").
_EN_OPENERS = frozenset({"The", "A", "An", "Our", "This", "Their", "Its", "Each", "Every"})


_BODY_COUNCIL = re.compile(r"\b(?:County|City|Municipal|Regional|Town|District) Council$")


def english_names(text: str) -> Iterator[WorkName]:
    """ "medlem i Arctic Business Network", "Regionen är medlem i Vanguard Initiative":
    an English name closed by a setting head is a standing arena."""
    found: list[WorkName] = []
    for m in _english_name().finditer(text):
        words = m.group(1).split()
        while words and words[0] in _EN_OPENERS:
            words = words[1:]
        if len(words) < 2:
            continue
        name = " ".join(words) + (f" {m.group(2)}" if m.group(2) else "")
        if _BODY_COUNCIL.search(name):
            continue  # "Troms County Council": a county authority, a body, not a setting
        if text[max(0, m.end() - len(name) - 2) : m.end() - len(name)] == ", ":
            continue  # "Business Sweden, Enterprise Europe Network och …": a body in a list
        funded = _FUNDED_AFTER.match(text, m.end())  # "X Network finansierat av Interreg"
        found.append(WorkName(PROJECT if funded else ARENA, m.end() - len(name), m.end(), name))
    # "Directors Network" short for "BSR S3 Directors Network": the long name stands.
    longer = {w.text for w in found}
    for w in found:
        if not any(n != w.text and n.endswith(" " + w.text) for n in longer):
            yield w


# "## Folkhälsonätverket Norrbotten" over "I Folkhälsonätverket Norrbotten träffas …".
_SECTION_TITLE = re.compile(r"^#{1,4}[ \t]+([A-ZÅÄÖ][^\n#.:!?]{2,79}?)[ \t]*#*[ \t]*$", re.M)
_SETTING_WORD = re.compile(
    r"(?:nätverk(?:et)?|forum(?:et)?|(?<!om)råd(?:et)?|gruppen|partnerskap(?:et)?|plattform(?:en)?"
    r"|kluster|klustret|allians(?:en)?)$"
)
FIRST_SENTENCE_CHARS = 200
# " är en innovationsmiljö för …", " är ett treårigt projekt": what the title names.
_SAID_KIND = re.compile(
    r" är (?:en|ett) (?:[a-zåäö-]+ ){0,2}?[a-zåäö-]*?(miljö|testbädd|nätverk|forum|plattform"
    r"|partnerskap|kluster|projekt|förstudie|satsning)\b"
)


def section_title_names(text: str) -> Iterator[WorkName]:
    """A markdown section titled by a setting's name that its first sentence repeats
    ("## Samarbetsgruppen för Bottniska korridoren" / "Samarbetsgruppen för … arbetar för")."""
    for m in _SECTION_TITLE.finditer(text):
        title = m.group(1)
        words = title.split()
        if len(words) > MAX_HEADING_WORDS or descriptive_heading(title):
            continue
        body = text.find("\n", m.end()) + 1
        first = text[body : body + FIRST_SENTENCE_CHARS].lstrip()
        if not _has_setting_word(words[:3]):
            said = _SAID_KIND.match(first, len(title)) if first.startswith(title) else None
            if said and heading_names_work(title):  # "Polar Health Lab är en innovationsmiljö"
                kind = ARENA if said.group(1) in ("miljö", "testbädd") else _kind_of(said.group(1))
                yield WorkName(kind, m.start(1), m.end(1), title)
            continue
        if re.match(r"(?:I |Inom )?" + re.escape(title) + r"\b", first):
            yield WorkName(ARENA, m.start(1), m.end(1), title)


# "Yrkesvux Inland (2024–2026) drivs av Lycksele kommun", "Lärlingsvägen (2025–2027) ger …":
# a named subject, its period, and a verb.
_AGENT_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))((?:[A-ZÅÄÖ][\wåäöÅÄÖ-]+ ){0,5}?[A-ZÅÄÖ0-9][\wåäöÅÄÖ-]*)"
    r"[ \t]+\((?:19|20)\d\d[–-](?:19|20)?\d\d\)[ \t]+(?=[a-zåäö]+\b)"
)


# "Arctic Grid Flex har beviljats 2,1 miljoner euro från Interreg Aurora. Projektet ska …":
# a capitalised subject granted money that the next sentence calls the project.
_GRANTED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?] )|(?<=\n))((?:[A-ZÅÄÖ][\wåäöÅÄÖ-]+ ){1,5}?[A-ZÅÄÖ0-9][\wåäöÅÄÖ-]*)"
    r" (?:har|hade) (?:beviljats|fått klartecken)\b[^.\n]*\.[ \t]+"
    r"(?=(?:Projektet|Förstudien|Satsningen)\b)"
)


def _granted_subjects(text: str) -> Iterator[re.Match[str]]:
    """_GRANTED_SUBJECT tried only at the starts of sentences that say "beviljats"."""
    for m in _BEVILJATS.finditer(text):
        dot = text.rfind(". ", 0, m.start())
        start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, m.start()) + 1)
        found = _GRANTED_SUBJECT.match(text, start)
        if found:
            yield found


_BEVILJATS = re.compile(r" (?:har|hade) (?:beviljats|fått klartecken)\b")


def agent_subject_names(text: str) -> Iterator[WorkName]:
    """A capitalised name with its period in parentheses as the subject of an owner verb
    ("Yrkesvux Inland (2024–2026) drivs av …"), or granted money and then called the
    project: a project."""
    for m in [*_AGENT_SUBJECT.finditer(text), *_granted_subjects(text)]:
        name = m.group(1)
        if not _descriptive_first(name.split()[0]):
            yield WorkName(PROJECT, m.start(1), m.end(1), name)


def minutes_title_names(text: str) -> Iterator[WorkName]:
    """ "PROTOKOLL" / "Regionala tillväxtpartnerskapet Jämtland Härjedalen": minutes are
    titled by the body that met; a body named by a setting word is an arena."""
    m = _MINUTES_TITLE.match(text)
    if m is None or not plausible_work_name(m.group(1)):
        return
    if _has_setting_word(m.group(1).split()):
        yield WorkName(ARENA, m.start(1), m.end(1), m.group(1))


_MINUTES_TITLE = re.compile(
    r"\s*(?:PROTOKOLL|Protokoll)[^\n]{0,40}\n[ \t]*([A-ZÅÄÖ][^\n.:]{3,80}?)[ \t]*\n"
)


def lettered_item_names(text: str) -> Iterator[WorkName]:
    """ "a) Snöklimat Jämtland. Projektägare är …": an application listed in minutes."""
    for m in _LETTERED_ITEM.finditer(text):
        if plausible_work_name(m.group(1)):
            yield WorkName(PROJECT, m.start(1), m.end(1), m.group(1))


_LETTERED_ITEM = re.compile(
    r"(?m)^[ \t]*[a-h]\)[ \t]+([A-ZÅÄÖ][^\n.:]{2,60}?)\.[ \t]+"
    r"(?=(?:Projektägare|Sökande|Projektet|Förstudien|Stödmottagare)\b)"
)


def counted_subject_names(text: str) -> Iterator[WorkName]:
    """ "Under rådet startar två projekt redan i januari." / "Kustvätgas Östrand är …" /
    "Vätgaslinjen E4 ska planera …": the paragraphs after a sentence that counts new
    projects open with their names, as many as it counts."""
    for m in _COUNTED_PROJECTS.finditer(text):
        pos = text.find("\n\n", m.end())
        for _ in range(NUMBER_WORDS[m.group(1).casefold()]):
            if pos < 0:
                break
            found = _PARAGRAPH_SUBJECT.match(text, pos + 2)
            if found and _subject_name(found.group(1)):
                yield WorkName(PROJECT, found.start(1), found.end(1), found.group(1))
            pos = text.find("\n\n", pos + 2)


def _subject_name(words: str) -> bool:
    """ "Vätgaslinjen E4", "TjälNorr"; not a common noun opening a sentence ("Genomförandet")."""
    if " " in words:
        return words.split()[0].casefold() not in _openers()
    return any(c.isupper() or c.isdigit() for c in words[1:])


_COUNTED_PROJECTS = re.compile(r"(?i)\b(två|tre|fyra) (?:nya )?projekt\b(?![^.\n]*:)")
# Swedish number words that count bodies or works ("de båda regionerna", "tre nya projekt").
NUMBER_WORDS = {"båda": 2, "två": 2, "tre": 3, "fyra": 4}
# A paragraph that opens with a name: capitalised words (a road or a year may close it),
# then a lower-case verb.
_PARAGRAPH_SUBJECT = re.compile(
    r"((?:[A-ZÅÄÖ][\wåäö-]+)(?: (?:[A-ZÅÄÖ][\wåäö-]+|E\d{1,2}|(?:19|20)\d\d)){0,3})"
    r" (?:är|ska|har|blir|startar|drivs|leds|ägs|genomförs)\b"
)


def bold_subject_names(text: str) -> Iterator[WorkName]:
    """ "- **Arbetsgrupp Unga i Skogslandet** sammankallas av …": a bold subject that a
    convening verb follows is a setting when an arena word opens or closes it."""
    r = rules()
    for m in _BOLD_SUBJECT.finditer(text):
        words = m.group(1).split()
        if words[0] in r.dash_heads or r.arena_words.search(words[-1]):
            kind = PROJECT if words[0].casefold().startswith(("projekt", "förstudie")) else ARENA
            yield WorkName(kind, m.start(1), m.end(1), m.group(1))


# "**Batteriforum Skelleftedalen.** Forumet sammankallas av …": a bold run-in title that the
# next sentence calls by its kind.
_BOLD_RUN_IN = re.compile(
    r"^[ \t]*\*\*([A-ZÅÄÖa-zåäö][^*\n]{2,60}?)\.?\*\*\.?[ \t]+"
    r"(Forumet|Arenan|Klustret|Nätverket|Plattformen|Rådet|Partnerskapet|Projektet|Förstudien"
    r"|Satsningen)\b",
    re.M,
)


def bold_run_in_names(text: str) -> Iterator[WorkName]:
    for m in _BOLD_RUN_IN.finditer(text):
        yield WorkName(_definite_kind(m.group(2)), m.start(1), m.end(1), m.group(1))


# A page titled in capitals ("MATNODER LAPPLAND") whose text writes the name in its own case.
_CAPITALS_LINE = re.compile(r"^[ \t#]*([A-ZÅÄÖ0-9][A-ZÅÄÖ0-9 –-]{3,60}?)[ \t]*$", re.M)
_PROJECT_PAGE = re.compile(r"(?i)\bom projektet\b|\bprojektägare\s*:|\bprojekttid\b")


def capitals_title_names(text: str) -> Iterator[WorkName]:
    """The first capitals line of a project page, where the page names it in its own case
    ("MATNODER LAPPLAND" / "Matnoder Lappland bygger upp …")."""
    head = text[:BREADCRUMB_CHARS]
    m = _CAPITALS_LINE.search(head)
    if m is None or len(m.group(1).split()) > MAX_HEADING_WORDS or not _PROJECT_PAGE.search(text):
        return
    phrase = m.group(1).casefold()
    at = text.casefold().find(phrase, m.end())
    if at >= 0 and not text[at : at + len(phrase)].isupper() and text[at - 1 : at] in ("\n", " "):
        yield WorkName(PROJECT, at, at + len(phrase), text[at : at + len(phrase)])


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“])|\n", text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    spec = load_toml("names.toml")
    words = _strs(spec, "not_org") + _strs(spec, "clause_openers") + _strs(spec, "programmes")
    return frozenset(w.casefold() for w in words)


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    spec = load_toml("names.toml")
    return frozenset(
        w.casefold() for w in _strs(spec, "clause_openers") + _strs(spec, "programmes")
    )


def generic_noun(name: str) -> bool:
    """ "Delegationen", "Nätverket", "Styrgruppen": a bare common noun, no name."""
    return name.casefold() in rules().generic_nouns


_NUMBER = re.compile(r"[\d\s.,:–-]+")


def plausible_work_name(name: str) -> bool:
    """A name found after a cue: not a clause opener, programme or generic first word."""
    words = name.split()
    if not words or len(name) < 3 or _NUMBER.fullmatch(name) or "|" in name:
        return False  # "projekt 2024": a year, no name; "2025–2028 | Kalix": a tagline
    if name[0] in '"“”«*':
        return True  # a quoted title is a name whatever its first word
    first = words[0].casefold()
    if first in _openers() or first in rules().descriptive_first or generic_noun(name):
        return False
    if gazetteer().municipality(name):
        return False  # "förstudien Umeå …": a place, not a name
    return name.casefold() not in _not_names() and not rules().not_work.search(name)


# --- list headings ------------------------------------------------------------------

_NAME_EVIDENCE = re.compile(r"[A-ZÅÄÖ]{2,}|\d|[\"“”«*]|[a-zåäö][A-ZÅÄÖ]|\s[A-ZÅÄÖ]")
_FIRST_SEGMENT = re.compile(r"\s(?:i|av|om|inom|på|för|och|till|med|mellan|kring|vid)\s")
_SUBTITLE = re.compile(r"\s+[–-]\s+(?!och\b|eller\b)(?=[a-zåäö])")
_GLUED = re.compile(r",\s+(?=(?:drivs|leds|ägs|samordnas|arrangeras|som)\b)")
_TRAILING_ACRONYM = re.compile(r",\s*([A-ZÅÄÖ]{2,8})$")
_LEADING_ACRONYM = re.compile(r"^([A-ZÅÄÖ]{2,8})\s+(\S.*)$")


def trim_title(title: str) -> str:
    """Drop a description glued to a heading: "X – samverkan mellan …", "X, drivs av …"."""
    title = _SUBTITLE.split(ENUMERATION.sub("", title), maxsplit=1)[0]
    return _GLUED.split(title, maxsplit=1)[0]


def title_aliases(title: str) -> list[str]:
    """Other forms of a list heading: without a glued description or subtitle, without a
    trailing ", HFS", and the expansion of a leading acronym ("PUA Professionella Unga
    Artister" → "Professionella Unga Artister")."""
    out = [trim_title(title)]
    m = _TRAILING_ACRONYM.search(title)
    if m:
        out += [title[: m.start()], m.group(1)]
    lead = _LEADING_ACRONYM.match(title)
    if lead and spells(lead.group(1), lead.group(2)):
        out += [lead.group(2), lead.group(1)]
    return [a for a in dict.fromkeys(out) if len(a) > 2 and a != title and not generic_noun(a)]


def heading_names_work(title: str) -> bool:
    """A heading names something when its opening segment, before the first preposition,
    carries name evidence: "Youth up North", "Dansresidenset Jårh i Tärnaby", "DIGIT-PRE";
    not "Utveckling av Norrtåg" or "Hälsoundersökningar i LSS-boenden"."""
    title = trim_title(title).strip()
    if not title:
        return False
    words = title.split()
    if re.search(r"\([^()]{2,14}\)$", title):
        return True  # "Innovationsekosystem i Omställning i Västerbotten (iiOV)"
    if len(words) == 1:
        return bool(re.search(r"[A-ZÅÄÖ]{2,}|\d|[a-zåäö][A-ZÅÄÖ]", title))
    if _descriptive_first(words[0]):
        return False
    head = _FIRST_SEGMENT.split(" " + title + " ", maxsplit=1)[0]
    return bool(_NAME_EVIDENCE.search(head.strip()))


def _descriptive_first(word: str) -> bool:
    """ "Samverkan …", "Uppfångande av …": a first word that describes an activity."""
    folded = word.casefold()
    return folded in rules().descriptive_first or folded.endswith(rules().descriptive_endings)


def descriptive_heading(title: str) -> bool:
    """ "Samverkan inom utbildningsområdet är stark", "Betydelsen av samverkan inom …":
    a heading that describes collaboration instead of naming a setting ("Samverkan med
    Umeå universitet" names its partner and stays)."""
    r = rules()
    words = trim_title(title).split()
    if len(words) == 1:
        return generic_noun(words[0])
    if r.arena_words.search(words[0]) or r.arena_words.search(words[1]):
        return False
    if " att " in f" {title} ":
        return True
    named = any(_capital(w) for w in words[1:])
    return _descriptive_first(words[0]) and not named


def item_kind(item: Item) -> str | None:
    """The kind an arena/project list item names, or None when it names nothing."""
    r = rules()
    title = trim_title(item.title.text)
    words = title.split()
    if not words:
        return None
    if structure_rules().sdg_item.match(title):
        return None  # "Mål 8: …" outside an Agenda 2030 list is a goal, not a project
    if _DATED_LINE.match(title) or CAPTION.match(title) or _MEASURE.search(title):
        return None  # "2025-10-01 Digitalt informationsmöte …", "Tabell 3.1 …"
    if _day_month().match(title):
        return None  # "25 november 2026": a news list's date line
    if _ADDRESS_TITLE.search(title) or _person_title(words) or _contact_line(words):
        return None  # "Box 90, 933 21 Arvidsjaur", "Erik Öhman, LRF Norrbotten", "Elin Rova"
    stated = _stated_kind(item.description)
    if _STATED_NO_WORK.match(item.description):
        return None  # "Arbetsmarknadsprognos Västerbotten 2035" / "En rapport som …"
    if item.record:  # a title over "Projektägare: …" outside any list
        return None if descriptive_heading(title) or title.startswith("§") else PROJECT
    if item.kind == ARENA:
        return None if descriptive_heading(title) else (stated or ARENA)
    if (
        len(words) >= 2
        and r.arena_words.search(words[-1])
        and (words[0].endswith("s") or _NAME_EVIDENCE.search(title))  # "Västerbottens …"
        and not _descriptive_first(words[0])
        and not r.activity_words.search(title)
    ):
        return ARENA
    labelled = item.labelled and len(words) > 1 and not _descriptive_first(words[0])
    if heading_names_work(title) or labelled:
        return PROJECT  # a bold label in a list of initiatives is set off as a name
    prose = " ".join(b.text for b in item.body if not FIELD_LINE.match(b.text))
    if r.body_cue.match(prose) or _repeated(title, item.description) or _owner_field(item):
        return PROJECT
    said = _STATED.match(item.description)
    if item.kind == PROJECT and said and said.group(1) in ("projekt", "förstudie"):
        return PROJECT  # "Ett ESF+-projekt där …", not "En satsning under 2024 har …"
    if item.kind == PROJECT and _subject_repeats(title, item.description):
        return PROJECT  # "Vågbrytaren" / "Vågbrytaren vänder sig till unga …"
    return None


def _subject_repeats(title: str, body: str) -> bool:
    """A list item's paragraph opens with its title as the subject of a verb, a title shaped
    like a name ("Vågbrytaren vänder sig …", "Kompetenslyft Batteri ska ge …"), where a topic
    heading is indefinite or lower-case ("Kartläggningar används …", "Vård och tandvård …")."""
    return (
        (_DEFINITE_WORD.fullmatch(title) is not None or _NAME_WORDS.fullmatch(title) is not None)
        and re.match(re.escape(title) + r" [a-zåäö]+[ ,]", body) is not None
        and not (descriptive_heading(title) or title.casefold() in theme_words())
    )


_DEFINITE_WORD = re.compile(r"[A-ZÅÄÖ][a-zåäö]{3,}(?:en|et)")
# "Kompetenslyft Batteri", "Fjällbete 2030": a word, then capitalised words or a year.
_NAME_WORDS = re.compile(r"[A-ZÅÄÖ][\wåäö-]+(?: (?:[A-ZÅÄÖ][\wåäö-]+|(?:19|20)\d\d)){1,3}")


# A postal address or c/o line: "Box 90, 933 21 Arvidsjaur", "c/o Lapin liitto, …".
_ADDRESS_TITLE = re.compile(r"\b(?:Box \d|c/o\b)|\b\d{3} ?\d{2}\b [A-ZÅÄÖ]")


_DATED_LINE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d\b")
# An indicator's line: "Andel förnybara drivmedel, procent: 2020: 31 | 2026: 44".
_MEASURE = re.compile(r":\s*(?:19|20)\d\d\b|\|")


def _contact_line(words: list[str]) -> bool:
    """A contact block's line: an e-mail, a phone number or a bare person's name."""
    line = " ".join(words)
    if "@" in line or _PHONE_LINE.fullmatch(line):
        return True
    return len(words) == 2 and words[0] in given_names() and _plain_capital(words[1])


_PHONE_LINE = re.compile(r"(?:Tel(?:efon)?:?\s*)?\+?[\d\s()-]{7,}")


def _person_title(words: list[str]) -> bool:
    """ "Sanna Kuoljok, Jokkmokks kommun": a member list's line names a person first."""
    if len(words) < 3 or not words[1].endswith(",") or not _capital(words[1].rstrip(",")):
        return False
    # A known given name, or two name words before the comma and a body after it.
    return words[0] in given_names() or (_plain_capital(words[0]) and _capital(words[2]))


_STATED = re.compile(
    r"(?:[Ee]tt|[Ee]n)\s+(?:[\wåäö+-]+\s+){0,3}?[\wåäö+-]*?(projekt|förstudie|satsning|nätverk|forum"
    r"|råd|plattform|partnerskap|kluster)\b"
)
# An item's text that calls its title a document or a one-off: "En rapport som …".
_STATED_NO_WORK = re.compile(
    r"(?:[Ee]tt|[Ee]n)\s+(?:[\wåäö-]+\s+){0,2}?[\wåäö-]*?(?:rapport|strategi|handlingsplan"
    r"|handbok|film|kartläggning|utredning|analys|prognos|broschyr|webbinarium|konferens"
    r"|engångs\w+)\b"
)
# "Projektägare: Region Norrbotten" under a list item: a field of a project record.
_OWNER_FIELD = re.compile(r"^(?:Projektägare|Lead partner|Stödmottagare|Sökande):", re.I)


def _owner_field(item: Item) -> bool:
    return any(_OWNER_FIELD.match(b.text) for b in item.body)


def _stated_kind(description: str) -> str | None:
    """The kind an item's text gives it in its first words ("– ett Interreg Aurora-projekt
    om …", "– en förstudie som …", "– ett nätverk för …")."""
    m = _STATED.match(description)
    return _kind_of(m.group(1).casefold()) if m else None


def _repeated(title: str, body: str) -> bool:
    """A heading of two or more words that its paragraph repeats with its capital letter
    ("Tidig mobilisering på IVA har …", "satsning Kommuner för serviceutveckling")."""
    found = re.search(r"(?<![\wåäö])" + re.escape(title), body)
    return len(title.split()) >= 2 and found is not None and found.start() > 0


__all__ = [
    "ARENA",
    "BREADCRUMB_CHARS",
    "PROJECT",
    "WorkName",
    "breadcrumb_names",
    "descriptive_heading",
    "heading_names_work",
    "item_kind",
    "line_end",
    "name_at",
    "plausible_work_name",
    "short_name",
    "spells",
    "title_aliases",
    "trim_title",
    "work_names",
]
