"""Organisation and place mentions: gazetteer look-ups plus Swedish name patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from loaders.doc import OrgMention
from loaders.gazetteer import (
    Gazetteer,
    gazetteer,
    genitive,
    load_toml,
    org_heads,
    org_shapes,
)
from loaders.phrases import (
    Phrase,
    cued_orgs,
    enumerated_orgs,
    person_like,
    unit_word,
    work_word,
)
from ontology.model import OrgType
from ontology.reference import MunicipalityRecord

_CAP = r"[A-ZÅÄÖ][\wåäöé-]*"
# A lower-case word inside a name, never a list connector or preposition.
_LOWER_WORD = r"(?!(?:och|samt|eller|i|för|med|av|till|på|vid)\b)[a-zåäö]+"
_REGION = re.compile(rf"\bRegion(?:en)? ({_CAP}(?: {_CAP})?)")
_COUNTY_BOARD = re.compile(rf"\bLänsstyrelsen(?:s)?(?:(?: i)? ({_CAP}))?(?: län)?")
_KOMMUN = re.compile(r"\b(kommun|kommuns|kommuner|kommunerna|Municipality)\b")  # English pages too
_LIST_SEP = re.compile(r"^(.*?)(?:,\s*|\s+och\s+|\s+samt\s+)$")
_KOMMUNERNA = re.compile(r"\b[Kk]ommunerna ")
_AFFIX = (
    (
        # "UiT Norges arktiske universitet": an acronym may open the name; a list connector
        # never sits inside it ("Nordfiber Kemi och universitetet"), and the definite form
        # follows the name word directly ("I dag har universitetet" is an anaphor).
        re.compile(
            rf"\b((?:[A-ZÅÄÖ][a-zåäö]?[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{{0,3}} )?{_CAP}"
            rf"(?:(?: {_LOWER_WORD}){{0,2}} universitet| universitetet))\b"
        ),
        OrgType.UNIVERSITY,
    ),
    (
        re.compile(rf"\b({_CAP}(?: [a-zåäö]+)? (?:högskola|tekniska högskola))\b"),
        OrgType.UNIVERSITY,
    ),
    # "Högskolan Dalarna", "Högskolan i Gävle": the university college named by its place.
    (re.compile(rf"\b(Högskolan(?: i)? {_CAP})\b"), OrgType.UNIVERSITY),
    (
        # "Väylävirasto", "Ruokavirasto": the Finnish agencies end in -virasto.
        re.compile(r"\b([A-ZÅÄÖ][a-zåäö]{3,}(?:verket|myndigheten|inspektionen|virasto))\b"),
        OrgType.STATE_AGENCY,
    ),
    # "Härnösand Energi & Miljö AB", "Örnsköldsviks Hamn och Logistik AB": "&" joins two
    # words of the name; "och" only one last word to the rest ("A och B AB" lists two).
    (
        re.compile(rf"\b({_CAP}(?: (?:& )?{_CAP}){{0,3}}(?: i {_CAP})?(?: och {_CAP})? AB)\b"),
        OrgType.COMPANY,
    ),
    (re.compile(rf"\b(Stiftelsen(?: {_CAP}){{1,4}})"), OrgType.CIVIL_SOCIETY),
    (
        re.compile(
            rf"\b({_CAP}(?: (?!(?:och|samt|eller)\b)[\wåäö-]+){{0,2}} "
            r"(?:ekonomisk förening|kommunalförbund|kommunförbund|samordningsförbund))\b"
        ),
        OrgType.ASSOCIATION_OF_MUNICIPALITIES,
    ),
    (re.compile(rf"\b((?:{_CAP} )+(?:[Ii]nstitute?t?|Institute))\b"), OrgType.RESEARCH_INSTITUTE),
    # Compound names of associations, boards and theatres: "Vårdförbundet",
    # "Konstnärsnämnden", "Västerbottensteatern".
    # "Hushållningssällskapet Norrbotten-Västerbotten", "Handelskammaren": a hyphenated pair
    # of places after the compound names the regional body it is.
    (
        re.compile(
            r"\b((?:[A-ZÅÄÖ]{2,} )?[A-ZÅÄÖ][a-zåäö]{3,}"
            r"(?:förbundet|föreningen|institutet|sällskapet|kammaren|teatern|stiftelserna)"
            r"(?: [A-ZÅÄÖ][a-zåäö]{2,}-[A-ZÅÄÖ][a-zåäö]{2,})?)(?![\wåäö-])"
        ),
        OrgType.CIVIL_SOCIETY,
    ),
    # "Jägarnas riksförbund", "Familjen Kamprads Stiftelse", "Hugo Stenbecks stiftelse".
    (re.compile(rf"\b((?:{_CAP} ){{1,3}}(?:riksförbund|[Ss]tiftelse))\b"), OrgType.CIVIL_SOCIETY),
    # "Statens specialpedagogiska skolmyndighet", "Statens kulturråd".
    (
        re.compile(
            r"\b(Statens (?:[a-zåäö]+ ){0,2}[a-zåäö]*"
            r"(?:myndighet|råd|verk|institut|nämnd|inspektion|museer|fastighetsverk))(?![\wåäö])"
        ),
        OrgType.STATE_AGENCY,
    ),
    # "Myndigheten för familjerätt och föräldraskapsstöd".
    (
        re.compile(r"\b(Myndigheten för [a-zåäö]{4,}(?: och [a-zåäö]{4,})?)"),
        OrgType.STATE_AGENCY,
    ),
    # "Umeå universitet Holding AB": a university's holding company.
    (
        re.compile(
            rf"(?<![\w-])((?:(?![\w-]*bolaget ){_CAP} ){{1,3}}(?:universitets? )?Holding(?: AB)?)"
            r"(?![\wåäö])"
        ),
        OrgType.COMPANY,
    ),
    # "Norrbottens Kommuner": the county's association of municipalities (capital K).
    (re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+s Kommuner)\b"), OrgType.ASSOCIATION_OF_MUNICIPALITIES),
)
_BODY_BEFORE_AND = re.compile(
    r"(?:kammare|kammaren|förening|föreningen|förbund|förbundet|kommun|universitet|högskola"
    r"|institut|institutet|verket|myndigheten|stiftelse|stiftelsen) och "
)
_NOT_AGENCY_PREFIX = ("Kommun", "Region", "Läns", "Nätverk", "Samverk")
# Compound words that end like an organisation but name a former or generic body.
_NOT_COMPOUND_ORG = frozenset({"Regionförbundet", "Kommunförbundet", "Idrottsförbundet"})
_PAREN_ACRONYM = re.compile(r" \(([A-ZÅÄÖ][\wÅÄÖåäö0-9-]{1,11})\)")
_NAME_WORD = re.compile(r"[\wåäöÅÄÖ&-]+$")
MAX_NAME_WORDS = 8


def municipality_org_name(name: str) -> str:
    """Official form: genitive -s after a consonant ("Bodens kommun"), none after a vowel."""
    last = name[-1].lower()
    return f"{name} kommun" if last in "aeiouyåäösxz" else f"{name}s kommun"


def _muni_mention(rec: MunicipalityRecord, start: int, end: int, surface: str) -> OrgMention:
    return OrgMention(
        start,
        end,
        surface,
        municipality_org_name(rec.name),
        OrgType.MUNICIPALITY.value,
        place_id=rec.id,
        confidence=0.95,
    )


def _list_before(text: str, end: int, g: Gazetteer) -> list[tuple[int, int, MunicipalityRecord]]:
    """Municipality names enumerated right before ``end`` ("Umeå och Skellefteå ")."""
    found: list[tuple[int, int, MunicipalityRecord]] = []
    cursor = end
    while True:
        window = text[max(0, cursor - 60) : cursor]
        m = re.search(r"(" + _CAP + r"(?: " + _CAP + r")?)\s*$", window)
        if not m:
            break
        rec = g.municipality(m.group(1)) or g.municipality(m.group(1).split(" ")[-1])
        if rec is None:
            break
        word_start = cursor - len(window) + m.start(1)
        if g.municipality(m.group(1)) is None:
            word_start = cursor - len(m.group(1).split(" ")[-1]) - (len(window) - m.end(1))
        found.append((word_start, word_start + len(text[word_start:cursor].rstrip()), rec))
        sep = _LIST_SEP.match(text[max(0, word_start - 7) : word_start])
        if not sep:
            break
        cursor = max(0, word_start - 7) + len(sep.group(1))
    return found


def municipality_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """ "Umeå kommun", "Bodens kommun", "Umeå och Skellefteå kommun", "Kommunerna A, B och C"."""
    for k in _KOMMUN.finditer(text):
        for start, end, rec in _list_before(text, k.start() - 1, g):
            stop = k.end() if end >= k.start() - 1 else end
            yield _muni_mention(rec, start, stop, text[start:stop])
    for k in _KOMMUNERNA.finditer(text):
        pos = k.end()
        while True:
            m = re.match(_CAP, text[pos:])
            found = g.municipality(m.group(0)) if m else None
            if m is None or found is None:
                break
            yield _muni_mention(found, pos, pos + m.end(), m.group(0))
            sep = re.match(r",\s*|\s+och\s+|\s+samt\s+", text[pos + m.end() :])
            if not sep:
                break
            pos += m.end() + sep.end()


def region_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    for m in _REGION.finditer(text):
        words = m.group(1).split(" ")
        for n in (2, 1):
            cand = "region " + " ".join(words[:n]).lower()
            if len(words) >= n and cand in g.region_names:
                end = m.start(1) + len(" ".join(words[:n]))
                name = g.region_names[cand]
                yield OrgMention(
                    m.start(),
                    end,
                    text[m.start() : end],
                    name,
                    OrgType.REGION.value,
                    confidence=0.95,
                )
                break


def county_board_orgs(text: str, g: Gazetteer, home_county: str | None) -> Iterator[OrgMention]:
    for m in _COUNTY_BOARD.finditer(text):
        place = m.group(1)
        county = _county_from_word(place, g) if place else None
        end = m.end() if county else m.start() + len("Länsstyrelsen")
        county = county or home_county
        if county is None:
            continue
        short = f"Länsstyrelsen {county.removesuffix(' län').removesuffix('s')}"
        surface = text[m.start() : end]
        # "Länsstyrelsen i Jämtlands län" written out is the name, the short form its alias.
        written = surface.endswith(" län") and place is not None
        name = "Länsstyrelsen" + surface[surface.index(" ") :] if written else short
        yield OrgMention(
            m.start(),
            end,
            surface,
            name,
            OrgType.COUNTY_BOARD.value,
            acronym=short if written else None,
            confidence=0.9 if place else 0.75,
        )


def _county_from_word(word: str, g: Gazetteer) -> str | None:
    for county in set(g.county_of_region.values()):
        base = county.removesuffix(" län")
        if word in (base, base.removesuffix("s")):
            return county
    return None


_TOKEN = re.compile(r"(?<![\w-])[A-ZÅÄÖ0-9][^\s,;()\"”*]*")
_AFTER_NAME = re.compile(r"[\w-]")


def known_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """Reference organisations, case-sensitive ("Formas" the agency, not "formas").

    Scans capitalised words and tries the known names that start with that word, longest
    first: the same matches as one big alternation, several times faster."""
    for t in _TOKEN.finditer(text):
        word = t.group(0)
        forms = (
            g.known_by_first.get(word)
            or g.known_by_first.get(word.rstrip(".:!?"))
            or g.known_by_first.get(word.split(":")[0], ())  # "OECD:s"
        )
        for form in forms:
            end = t.start() + len(form)
            if text.startswith(form, t.start()) and not _AFTER_NAME.match(text, end):
                org = g.known[form]
                name, tail = org.name, _known_tail(text, end, org.org_type)
                if tail > end:
                    # "LRF Västerbotten", "Coompanion Jämtlands län", "Sametinget i Norge".
                    name, end = f"{form}{text[end:tail]}", tail
                yield OrgMention(
                    t.start(),
                    end,
                    text[t.start() : end],
                    name,
                    org.org_type.value,
                    # A branch's short form is the body ("LRF Västerbotten" / "LRF"); another
                    # country's body is not ("Sametinget i Norge" / "Sametinget").
                    acronym=org.acronym
                    if name == org.name or text.startswith(" i ", t.start() + len(form))
                    else form,
                    confidence=0.95,
                )
                break


# Organisations whose name already holds their place; no county branch is appended.
_PLACE_BOUND = (OrgType.REGION, OrgType.COUNTY_BOARD, OrgType.MUNICIPALITY)
# Bodies with local branches named by a town or a part of the country ("Företagarna
# Vännäs", "Almi Invest Norrland"); agencies and universities only take a county.
_BRANCHED = (OrgType.CIVIL_SOCIETY, OrgType.COMPANY, OrgType.OTHER)
_PLACE_WORDS = re.compile(r"([A-ZÅÄÖ][\wåäöæø-]*)(?: ([A-ZÅÄÖ][\wåäöæø-]*|län))?(?![\w-])")
_TAIL_WORD = re.compile(r" ([A-ZÅÄÖ][\wåäöæø-]*)(?![\w-])")
# A place followed by one of these is an organisation of its own ("Vännäs kommun").
_PLACE_ORG_AFTER = re.compile(r" (?:kommun|kommuns|kommune|län|läns|stad|stads|region)\b")


def _known_tail(text: str, end: int, kind: OrgType) -> int:
    """End of the place phrase that continues a known organisation's name at ``end``."""
    if kind in _PLACE_BOUND:
        return end
    g = gazetteer()
    if kind in _BRANCHED:
        return _org_tail(text, end, g, name_words=1, towns=True)
    if text.startswith(" i ", end):
        # "Sametinget i Norge" is another country's body; "Trafikverket i Jämtlands län" an
        # office of the one agency.
        tail = _org_tail(text, end, g, name_words=0, towns=False)
        return tail if text[end + 3 : tail] in org_shapes().countries else end
    county = _place_at(text, end + 1, g, towns=False) if text.startswith(" ", end) else None
    return county if county and _county_from_word(text[end + 1 : county].split(" ")[0], g) else end


def _place_at(
    text: str, pos: int, g: Gazetteer, *, towns: bool, inside: bool = False
) -> int | None:
    """End of a place that can close an organisation's name, starting at ``pos``: a county
    ("Västerbotten", "Jämtlands län"), a part of the country ("Mittsverige", "Övre
    Norrland"), with ``towns`` a municipality ("Vännäs"); after "i" (``inside``) a country
    ("Sametinget i Norge") but no bare county or town ("Trafikverket i Luleå" is an office)."""
    m = _PLACE_WORDS.match(text, pos, pos + 60)
    if m is None:
        return None
    shapes = org_shapes()
    one, two = m.group(1), m.group(0)
    if m.group(2) and two in shapes.macro_regions:
        return m.end()
    if m.group(2) == "län" and one.endswith("s") and _county_from_word(one, g):
        return m.end()  # "Jämtlands län"
    after = _PLACE_ORG_AFTER.match(text, m.end(1))
    if after or (inside and one not in shapes.countries | shapes.macro_regions):
        return None
    rec = g.municipality(one)
    county = _county_from_word(one, g)
    if (
        one in shapes.macro_regions
        or (inside and one in shapes.countries)
        or county == f"{one}s län"
        or (county == f"{one} län" and not one.endswith("s"))
        or (towns and rec is not None and rec.name == one)
    ):
        return m.end(1)
    return None


def _org_tail(
    text: str, end: int, g: Gazetteer, *, name_words: int, towns: bool, lone: bool = False
) -> int:
    """End of the place phrase that belongs to an organisation's name ending at ``end``:
    "i Finland", "Jämtlands län", "Vännäs", or up to ``name_words`` capitalised name words
    and then a county or region ("Almi Invest Norrland", "Studieförbundet Vuxenskolan
    Västerbotten").
    With ``lone`` one name word alone will do: a type word names the body it opens
    ("Studieförbundet Vuxenskolan"), but two are more likely a person ("… Anna Berg")."""
    if text.startswith(" i ", end):
        return _place_at(text, end + 3, g, towns=False, inside=True) or end
    owned = _GENITIVE_NAME.match(text, end) if lone else None
    if owned and _county_from_word(owned.group(1), g) and _name_word(owned.group(2), g):
        return owned.end()  # "Kommunalförbundet Norrbottens Inland"
    pos, words = end, list[int]()
    for _ in range(name_words + 1):
        if not text.startswith(" ", pos):
            break
        # A town only right after the head: "Anna Berg" is a person, not a branch in Berg.
        place = _place_at(text, pos + 1, g, towns=towns and not words)
        if place:
            return place
        m = _TAIL_WORD.match(text, pos)
        if m is None or not _name_word(m.group(1), g):
            break
        pos = m.end()
        words.append(pos)
    alone = len(words) == 1 and _TAIL_WORD.match(text, words[0]) is None
    return words[0] if lone and alone else end


# A county in the genitive and a name word after a body's type word: "Norrbottens Inland".
_GENITIVE_NAME = re.compile(r" ([A-ZÅÄÖ][\wåäö]+s) ([A-ZÅÄÖ][\wåäö-]+)(?![\w-])")


def _name_word(word: str, g: Gazetteer) -> bool:
    """A capitalised word that can go on a name: no opener, place or other body's start."""
    return not (
        word.casefold() in org_shapes().openers
        or word in ("Region", "Länsstyrelsen")
        or word in g.known_by_first
        or g.municipality(word)
        or _county_from_word(word, g)
    )


# Literal words each _AFFIX pattern needs (same order): a pattern only runs on the lines
# that hold one of them, which keeps the 400 KB report fast.
_AFFIX_TRIGGERS = (
    ("universitet",),
    ("högskola",),
    ("Högskolan",),
    ("verket", "myndigheten", "inspektionen", "virasto"),
    (" AB",),
    ("Stiftelsen",),
    ("förening", "förbund"),
    ("nstitut",),
    ("förbundet", "föreningen", "institutet", "sällskapet", "kammaren", "teatern", "stiftelserna"),
    ("riksförbund", "tiftelse"),
    ("Statens",),
    ("Myndigheten för",),
    ("Holding",),
    ("Kommuner",),
)
assert len(_AFFIX_TRIGGERS) == len(_AFFIX)


def _trigger_lines(text: str, triggers: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every line that contains one of ``triggers``."""
    spans: set[tuple[int, int]] = set()
    for trigger in triggers:
        pos = text.find(trigger)
        while pos >= 0:
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            spans.add((start, end))
            pos = text.find(trigger, end)
    return sorted(spans)


def affix_orgs(text: str) -> Iterator[OrgMention]:
    for (pattern, kind), triggers in zip(_AFFIX, _AFFIX_TRIGGERS, strict=True):
        for start, end in _trigger_lines(text, triggers):
            yield from _affix_matches(pattern, kind, text, start, end)


def _affix_matches(
    pattern: re.Pattern[str], kind: OrgType, text: str, start: int, end: int
) -> Iterator[OrgMention]:
    for m in pattern.finditer(text, start, end):
        surface = m.group(1)
        if kind is OrgType.STATE_AGENCY and (
            surface.startswith(_NOT_AGENCY_PREFIX) or surface.endswith("nätverket")
        ):
            continue
        if _generic_national(surface):
            continue
        start, stop = m.start(1), m.end(1)
        if kind is OrgType.COMPANY and _BODY_BEFORE_AND.search(surface):
            # "Jämtlands Handelskammare och Torsta AB": a body of its own, then the company.
            cut = surface.index(" och ") + len(" och ")
            start, surface = start + cut, surface[cut:]
        if kind is OrgType.COMPANY:
            left, sep, right = surface.partition(_TWO_COMPANIES)
            if sep:  # "Skebo Skellefteåbostäder AB och Lyckselebostäder AB": two companies
                begin, name = _drop_openers(start, left + " AB")
                yield OrgMention(begin, begin + len(name), name, name, kind.value, confidence=0.7)
                start, surface = start + len(left) + len(sep), right
            start, surface = _drop_openers(*_list_company(start, surface))
        elif kind is OrgType.CIVIL_SOCIETY:
            # "Hushållningssällskapet Jämtlands län", "Studieförbundet Vuxenskolan".
            lone = " " not in surface and surface not in _NOT_COMPOUND_ORG
            stop = _org_tail(text, stop, gazetteer(), name_words=1, towns=True, lone=lone)
            surface = text[start:stop]
        if surface in _NOT_COMPOUND_ORG:
            continue  # "Kommunförbundet" alone; "Kommunförbundet Västernorrland" is one
        yield OrgMention(start, stop, surface, surface, kind.value, confidence=0.7)


# What joins two company names the affix pattern matched as one ("A AB och B AB").
_TWO_COMPANIES = " AB och "


def _list_company(start: int, surface: str) -> tuple[int, str]:
    """ "Region Västernorrland och Härnösandshus AB" lists a body and a company: a place or a
    known name before "och" leaves the company alone ("Hamn och Logistik AB" is one name)."""
    left, sep, right = surface.rpartition(" och ")
    if not sep:
        return start, surface
    g = gazetteer()
    before = left.split(" ")
    if (
        g.municipality(before[-1])
        or _county_from_word(before[-1], g)
        or left in g.known
        or before[0] in ("Region", "Länsstyrelsen")
        or before[0] in g.known_by_first
    ):
        return start + len(left) + len(sep), right
    return start, surface


def _generic_national(surface: str) -> bool:
    """ "Sveriges universitet": all the country's universities, not one of them."""
    words = surface.split(" ")
    shapes = org_shapes()
    return (
        len(words) == 2
        and words[0].casefold() in shapes.national_genitives
        and words[1].casefold() in shapes.genitive_heads
    )


def acronym_orgs(text: str) -> Iterator[OrgMention]:
    """ "Umeå Business Incubator (UBI)", "Glesmedicinskt centrum (GMC)": a defined name whose
    last word is an organisation head word."""
    heads = org_heads()
    for m in _PAREN_ACRONYM.finditer(text):
        line = text[max(0, m.start() - 150) : m.start()].split("\n")[-1]
        words = line.split(" ")
        if not words or words[-1] not in heads:
            continue
        name = _trim_name(" ".join(w for w in words[-MAX_NAME_WORDS:] if w), m.group(1))
        if name and _spells(m.group(1), name) and name.split(" ")[0] not in heads:
            yield OrgMention(
                m.start() - len(name),
                m.start(),
                name,
                name,
                OrgType.OTHER.value,
                acronym=m.group(1),
                confidence=0.7,
            )


_FOREIGN_KOMMUN = re.compile(r"(?<=[a-zåäö,] )([A-ZÅÄÖ][a-zåäöæø]{2,}[a-rt-zåäöæø]) kommun\b")


def foreign_municipality_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """ "Odense kommun": a capitalised word + "kommun" mid-sentence that is no Swedish
    municipality (those are handled, with their seat, by :func:`municipality_orgs`)."""
    for m in _FOREIGN_KOMMUN.finditer(text):
        if g.municipality(m.group(1)) is None and g.municipality(m.group(1)[:-1]) is None:
            yield OrgMention(
                m.start(),
                m.end(),
                m.group(0),
                m.group(0),
                OrgType.MUNICIPALITY.value,
                confidence=0.7,
            )


def place_mentions(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """Bare municipality names of the north ("Åsele", "Skellefteås") as places."""
    for m in g.muni_re.finditer(text):
        rec = g.municipality(m.group(1))
        if rec is not None:
            yield OrgMention(m.start(), m.end(), m.group(1), rec.name, "place", place_id=rec.id)


# --- names found by their shape (word lists in patterns/organisations.toml) -------------

_NAME_CHARS = r"[\wåäöÅÄÖ&'-]"
# A lower-case word inside a foreign company name, never a list connector or preposition.
_LOWER_PART = r"(?!(?:och|samt|eller|i|för|med|av|till|på|vid)\b)[a-zåäö-]+"
_ASCII_WORD = r"[A-Z][A-Za-z&'-]*"


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _ShapePatterns:
    genitive: re.Pattern[str]
    english: re.Pattern[str]
    company: re.Pattern[str]
    destination_prefix: re.Pattern[str]
    destination_final: re.Pattern[str]
    body_final: re.Pattern[str]
    town: re.Pattern[str]
    regional: re.Pattern[str]
    coordinated: re.Pattern[str]


@lru_cache(maxsize=1)
def _shape_patterns() -> _ShapePatterns:
    s = org_shapes()
    heads = _alt(s.genitive_heads)
    cap_heads = _alt(h.capitalize() for h in s.genitive_heads)
    return _ShapePatterns(
        # "Norrbottens läns hemslöjdsförbund", "Lapplands yrkeshögskola",
        # "Norrbottens Handelskammare": genitive, optional "läns", a compound ending in a head;
        # a national adjective may open it ("Norske Reindriftsamers Landsforbund").
        re.compile(
            rf"(?<![\w-])(?:(?:{_alt(s.national_adjectives)}) )?([A-ZÅÄÖ][\wåäö-]*s)(?: läns)? "
            rf"([a-zåäö]*(?:{heads})|[A-ZÅÄÖ][a-zåäö]*(?:{heads})|(?:{cap_heads}))(?![\wåäö-])"
        ),
        # The name must end at the head: "Innovation Agency Lithuania" goes on after it.
        re.compile(
            rf"(?<![\w-])((?:{_ASCII_WORD} ){{1,5}}(?:{_alt(s.english_heads)}))"
            r"(?![\w-])(?! of | [A-ZÅÄÖ])"
        ),
        re.compile(
            # "Lapin ammattikorkeakoulu Oy", "Pohjois-Suomen rakennusklusteri ry": a
            # capitalised first word, then up to two lower-case words before the suffix.
            rf"(?<![\w-])((?:[A-ZÅÄÖ]{_NAME_CHARS}* )"
            rf"(?:(?:[A-ZÅÄÖ]{_NAME_CHARS}*|{_LOWER_PART}) ){{0,3}}"
            rf"(?:{_alt(s.company_suffixes)}))"
            r"(?![\wåäö/-])"
        ),
        re.compile(
            rf"(?<![\w-])((?:{_alt(s.destination_prefixes)})(?: [A-ZÅÄÖ][\wåäö-]*){{1,3}})"
            r"(?![\wåäö-])"
        ),
        re.compile(
            rf"(?<![\w-])((?:[A-ZÅÄÖ][\wåäö-]* ){{1,2}}(?:{_alt(s.destination_finals)}))"
            r"(?![\wåäö-])"
        ),
        re.compile(
            rf"(?<![\w-])([A-ZÅÄÖ][\wåäö-]+(?: (?:{_alt(s.body_middles)}|[A-ZÅÄÖ][\wåäö-]+))? "
            rf"(?:{_alt(s.body_finals)}))(?![\wåäö-])"
        ),
        re.compile(
            r"(?<![\w-])([A-ZÅÄÖ][a-zåäöæøü]+(?:-[A-ZÅÄÖ][a-zåäöæøü]+)?) ([Ss]tad)s?(?![\wåäö-])"
        ),
        # "Statsforvalteren", "Energikontoret": heads that need their place after them.
        re.compile(
            rf"(?<![\w-])({_alt(s.regional_heads)}|[A-ZÅÄÖ][a-zåäö]+"
            rf"(?:{_alt(s.regional_compound_heads)}))(?= )"
        ),
        # "Svenskt Fjäll- och Samemuseum": two compounds that share their head; a proper name
        # when the second is capitalised or a national adjective opens it.
        re.compile(
            rf"(?<![\w-])((?:(?:{_alt(s.national_adjectives)}) [A-ZÅÄÖ][a-zåäö]*- och "
            rf"[A-ZÅÄÖ]?[a-zåäö]*|[A-ZÅÄÖ][a-zåäö]*- och [A-ZÅÄÖ][a-zåäö]*)(?:{heads}))"
            r"(?![\wåäö-])"
        ),
    )


def _shaped(
    start: int,
    surface: str,
    kind: OrgType,
    name: str | None = None,
    place_id: str | None = None,
) -> OrgMention:
    end = start + len(surface)
    return OrgMention(
        start, end, surface, name or surface, kind.value, place_id=place_id, confidence=0.7
    )


def _drop_openers(start: int, surface: str) -> tuple[int, str]:
    """ "Enligt Swedish Lapland Visitors Board" → "Swedish Lapland Visitors Board"."""
    openers = org_shapes().openers
    words = surface.split(" ")
    while len(words) > 1 and words[0].casefold() in openers:
        start += len(words[0]) + 1
        words = words[1:]
    return start, " ".join(words)


def genitive_head_orgs(text: str) -> Iterator[OrgMention]:
    """ "Lapplands yrkeshögskola", "Norrbottens läns hemslöjdsförbund", "Jägarnas riksförbund"."""
    shapes = org_shapes()
    for m in _shape_patterns().genitive.finditer(text):
        owner, head = m.group(1).casefold(), m.group(2).casefold()
        if owner in shapes.generic_genitives or owner in shapes.openers:
            continue
        if head in shapes.genitive_heads and owner in shapes.national_genitives:
            continue  # "Sveriges universitet" are all of them, "Sveriges lantbruksuniversitet" one
        kind = next(t for h, t in shapes.genitive_heads.items() if head.endswith(h))
        yield _shaped(m.start(), m.group(0), kind)


def english_orgs(text: str) -> Iterator[OrgMention]:
    """ "Swedish Lapland Visitors Board", "Swedish Energy Agency" (not "Advisory Board")."""
    group_words = org_shapes().english_group_words
    for m in _shape_patterns().english.finditer(text):
        start, surface = _drop_openers(m.start(), m.group(1))
        words = surface.split(" ")
        if len(words) >= 2 and words[-2] not in group_words:
            yield _shaped(start, surface, OrgType.OTHER)


def foreign_company_orgs(text: str) -> Iterator[OrgMention]:
    """ "Lapin Materiaalipankki Oy", "Equinor ASA": a legal-form suffix ends the name."""
    for m in _shape_patterns().company.finditer(text):
        start, surface = _drop_openers(m.start(), m.group(1))
        if " " in surface:
            yield _shaped(start, surface, OrgType.COMPANY)


def destination_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """Destination companies: "Visit Finnish Lapland", "Jämtland Härjedalen Turism"."""
    patterns = _shape_patterns()
    for m in patterns.destination_prefix.finditer(text):
        yield _shaped(m.start(), m.group(1), OrgType.OTHER)
    for m in patterns.destination_final.finditer(text):
        first = m.group(1).split(" ")[0]
        if text[max(0, m.start() - 20) : m.start()].endswith(("Region ", "Länsstyrelsen ")):
            continue  # "Region Västerbotten Turism" is a unit of the region
        if g.municipality(first) or _county_from_word(first, g):
            yield _shaped(m.start(), m.group(1), OrgType.OTHER)


def place_head_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """ "Kalix Turistförening", "Umeå Hembygdsförening", "Kalix Älvdals Fiskeförening": a
    municipality's name, then a capitalised compound that ends in an organisation head."""
    shapes = org_shapes()
    for m in _place_head().finditer(text):
        if g.municipality(m.group(1)):
            head = m.group(2).casefold()
            kind = next(t for h, t in shapes.genitive_heads.items() if head.endswith(h))
            yield _shaped(m.start(), m.group(0), kind)


@lru_cache(maxsize=1)
def _place_head() -> re.Pattern[str]:
    heads = _alt(org_shapes().genitive_heads)
    return re.compile(
        rf"(?<![\w-])([A-ZÅÄÖ][\wåäö-]+) (?:[A-ZÅÄÖ][a-zåäö]+s )?"  # "Kalix Älvdals …"
        rf"([A-ZÅÄÖ][a-zåäö]{{2,}}(?:{heads}))(?![\wåäö-])"
    )


def body_final_orgs(text: str) -> Iterator[OrgMention]:
    """ "Vilhelmina norra sameby", "Gabna sameby": a name and a legal-body final word."""
    shapes = org_shapes()
    for m in _shape_patterns().body_final.finditer(text):
        if m.group(1).split(" ")[0].casefold() in shapes.openers:
            continue  # "Varje sameby", "Denna sameby"
        final = m.group(1).rsplit(" ", 1)[-1]
        yield _shaped(m.start(), m.group(1), shapes.body_finals[final])


def town_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """ "Haparanda stad", "Torneå stad": a municipality that calls itself a town.

    A Swedish municipality of the reference list counts anywhere except after a place
    preposition ("i Kiruna stad" is the town). A foreign name counts only mid-sentence and
    when the document never writes it in lower case (unlike "Hållbar stad")."""
    shapes = org_shapes()
    for m in _shape_patterns().town.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        prev = before.split()[-1].casefold() if before.split() else ""
        if prev in shapes.town_context_words:
            continue
        name = f"{m.group(1)} {m.group(2)}"
        rec = g.municipality(m.group(1))
        if rec is not None:  # one organisation whichever form the document uses
            canonical = municipality_org_name(rec.name)
            yield _shaped(
                m.start(), m.group(0), OrgType.MUNICIPALITY, name=canonical, place_id=rec.id
            )
        elif re.search(r"[a-zåäö,] $", before) and not _written_lower(text, m.group(1)):
            yield _shaped(m.start(), m.group(0), OrgType.MUNICIPALITY, name=name)


# "i Troms og Finnmark": a Norwegian county, one name or two joined by "og".
_REGIONAL_PLACE = re.compile(r" i [A-ZÅÄÖ][\wåäöæø-]+(?: og [A-ZÅÄÖ][\wåäöæø-]+)?(?![\w-])")


def regional_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """ "Statsforvalteren i Troms og Finnmark", "Energikontoret i Mittsverige": a head that
    names a regional body only with its place."""
    shapes = org_shapes()
    for m in _shape_patterns().regional.finditer(text):
        head = m.group(1)
        if head in shapes.regional_heads:
            place = _REGIONAL_PLACE.match(text, m.end())
            end, kind = (place.end() if place else m.end()), shapes.regional_heads[head]
        else:
            end = _org_tail(text, m.end(), g, name_words=0, towns=False)
            kind = next(t for h, t in shapes.regional_compound_heads.items() if head.endswith(h))
        if end > m.end():
            yield _shaped(m.start(), text[m.start() : end], kind)


_APPOSED_SHORT = re.compile(r"(?<=[a-zåäö] )([A-ZÅÄÖÁ][\wåäöá]+), $")


def coordinated_orgs(text: str) -> Iterator[OrgMention]:
    """ "Svenskt Fjäll- och Samemuseum": a name of two compounds with one organisation head."""
    heads = org_shapes().genitive_heads
    for m in _shape_patterns().coordinated.finditer(text):
        kind = next(t for h, t in heads.items() if m.group(1).endswith(h))
        # "är Ájtte, Svenskt Fjäll- och Samemuseum, och": a short name with its descriptive
        # name as an apposition (closed by a comma) is one name, not a list of two.
        short = _APPOSED_SHORT.search(text, max(0, m.start() - 40), m.start())
        start = short.start(1) if short and text.startswith(",", m.end()) else m.start()
        yield _shaped(start, text[start : m.end()], kind)


def _written_lower(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def shaped_orgs(text: str, g: Gazetteer) -> Iterator[OrgMention]:
    """Organisations recognised by the shape of their name (see the functions above)."""
    yield from genitive_head_orgs(text)
    yield from english_orgs(text)
    yield from foreign_company_orgs(text)
    yield from destination_orgs(text, g)
    yield from place_head_orgs(text, g)
    yield from body_final_orgs(text)
    yield from town_orgs(text, g)
    yield from regional_orgs(text, g)
    yield from coordinated_orgs(text)


def _non_overlapping(mentions: list[OrgMention]) -> list[OrgMention]:
    """Keep the longest, then most confident, mention where spans overlap."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    taken: list[OrgMention] = []
    occupied: set[int] = set()
    for m in ordered:
        span = set(range(m.start, m.end))
        if span & occupied:
            continue
        occupied |= span
        taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def find_mentions(text: str, home_county: str | None = None) -> list[OrgMention]:
    """All organisation and place mentions in ``text`` (cleaned text offsets)."""
    g = gazetteer()
    found = [
        *municipality_orgs(text, g),
        *region_orgs(text, g),
        *county_board_orgs(text, g, home_county),
        *known_orgs(text, g),
        *affix_orgs(text),
        *shaped_orgs(text, g),
    ]
    found += [*cued_orgs(text, g), *acronym_orgs(text), *foreign_municipality_orgs(text, g)]
    orgs = _non_overlapping(found)
    # Enumerations that list a known organisation name the unknown ones next to it.
    orgs = _non_overlapping(orgs + list(enumerated_orgs(text, orgs, g)))
    orgs = _company_short_forms([m for m in orgs if not programme_name(m.name)])
    orgs = [_legal_form_written_out(m) for m in orgs]
    # Place mentions only where no organisation mention covers them.
    covered = {i for m in orgs for i in range(m.start, m.end)}
    places = [p for p in place_mentions(text, g) if not covered & set(range(p.start, p.end))]
    return sorted(orgs + places, key=lambda m: m.start)


@lru_cache(maxsize=1)
def _programmes() -> frozenset[str]:
    names = load_toml("names.toml")["programmes"]
    assert isinstance(names, list)
    return frozenset(str(n).casefold() for n in names)


def programme_name(name: str) -> bool:
    """ "Interreg Aurora", "Interreg Nord": a funding programme (named by its family) is no
    organisation, nor is its authority ("Interreg Aurora Managing Authority")."""
    return name.split(" ")[0].casefold() in _programmes() and " " in name


def _company_short_forms(orgs: list[OrgMention]) -> list[OrgMention]:
    """ "Nordfiber Kemi", "Volvo Lastvagnar" in a document that names "Nordfiber Kemi AB",
    "Volvo Lastvagnar AB": the company, one entity under its full name (the short one stays
    an alias, so other documents' "Volvo Lastvagnar" still resolve to it)."""
    full = {m.name.removesuffix(" AB"): m for m in orgs if m.name.endswith(" AB")}
    return [
        replace(
            m,
            name=full[m.name].name,
            org_type=full[m.name].org_type,
            acronym=m.acronym or m.name,
        )
        if m.name in full and m.org_type not in _NOT_SHORT_COMPANY
        else m
        for m in orgs
    ]


def _legal_form_written_out(m: OrgMention) -> OrgMention:
    """ "Lantmännen ek för" is "Lantmännen ekonomisk förening": one entity under the written-out
    legal form, the abbreviated one an alias."""
    short = _ABBREVIATED_FORM.search(m.name)
    if short is None:
        return m
    return replace(m, name=m.name[: short.start()] + " ekonomisk förening", acronym=m.name)


_ABBREVIATED_FORM = re.compile(r" ek\.? för\.?$")


# A municipality, region or place written like a company's first words is not its short form.
_NOT_SHORT_COMPANY = frozenset({"place", *(t.value for t in _PLACE_BOUND)})


def org_name_shape(name: str, text: str = "", start: int = 0, end: int = 0) -> bool:
    """A name a found-by-context organisation may have: no arena/project head word
    ("Analytikernätverket", "Directors Network", "Skogsprogram Västerbotten") and, in its
    context ``text[start:end]``, not a person with a title ("Anna Nilsson, kommunikatör")."""
    words = name.split()
    if not words or any(work_word(w) for w in words) or unit_word(words[-1]):
        return False
    if text and person_like(text, Phrase(start, end, name)):
        return False
    # "Arvidsjaur i Norrbotten": a place in its county, not a body.
    return not (len(words) == 3 and words[1] == "i" and gazetteer().municipality(words[0]))


def acronym_definitions(text: str) -> dict[str, str]:
    """``"Name (ACR)"`` → {ACR: Name}; the name is cut to its capitalised core."""
    out: dict[str, str] = {}
    for m in _PAREN_ACRONYM.finditer(text):
        acr = m.group(1)
        words = text[max(0, m.start() - 150) : m.start()].split("\n")[-1].split(" ")
        tail = [w for w in words[-MAX_NAME_WORDS:] if w]
        cut = max((i for i, w in enumerate(tail) if not _NAME_WORD.fullmatch(w)), default=-1)
        name = _trim_name(" ".join(tail[cut + 1 :]), acr) if tail[cut + 1 :] else None
        if name and _spells(acr, name):
            out.setdefault(acr, name)
    return out


def _spells(acronym: str, name: str) -> bool:
    """The acronym's letters appear in order in the name, and its digits too."""
    letters = iter(name.upper())
    if not all(ch in letters for ch in acronym.upper() if ch.isalpha()):
        return False
    return all(d in name for d in acronym if d.isdigit())


def _trim_name(name: str, acronym: str) -> str | None:
    """The shortest capitalised tail of ``name`` that starts with the acronym's first letter."""
    words = name.split(" ")
    for i in range(len(words) - 1, -1, -1):
        first = words[i]
        if first[:1].isupper() and first[0].lower() == acronym[0].lower():
            return " ".join(words[i:])
    return None


__all__ = [
    "acronym_definitions",
    "find_mentions",
    "genitive",
    "org_name_shape",
    "programme_name",
]
