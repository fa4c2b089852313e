"""Gazetteers built from data/reference: municipalities, regions, county boards, agencies."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ontology.model import OrgType
from ontology.reference import MunicipalityRecord, municipalities, organisation_patterns

PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"

# organisation_types.csv uses a finer vocabulary than the model's OrgType.
_ORG_TYPE_MAP = {
    "municipal_association": OrgType.ASSOCIATION_OF_MUNICIPALITIES,
    "municipal_collaboration": OrgType.ASSOCIATION_OF_MUNICIPALITIES,
    "association": OrgType.CIVIL_SOCIETY,
    "foundation": OrgType.CIVIL_SOCIETY,
    "government": OrgType.STATE_AGENCY,
    "government_ministry": OrgType.STATE_AGENCY,
}
# Exact names that are not organisations (programmes, groupings handled elsewhere).
_NOT_ORG_TYPES = {"eu_programme", "municipal_collaboration"}
MIN_ABBREVIATION = 3  # two-letter abbreviations (Af, TS, SI) collide with ordinary text


def org_type(value: str) -> OrgType:
    """Map a reference org_type to the model's enum (unknown → other)."""
    if value in _ORG_TYPE_MAP:
        return _ORG_TYPE_MAP[value]
    try:
        return OrgType(value)
    except ValueError:
        return OrgType.OTHER


@dataclass(frozen=True)
class KnownOrg:
    name: str
    org_type: OrgType
    acronym: str | None
    official_name: str | None


def load_toml(name: str) -> dict[str, object]:
    return tomllib.loads((PATTERNS_DIR / name).read_text(encoding="utf-8"))


def genitive(name: str) -> str:
    """Swedish genitive: add -s unless the word already ends in s, x or z."""
    return name if name[-1] in "sxz" else name + "s"


@dataclass(frozen=True)
class Gazetteer:
    munis: dict[str, MunicipalityRecord]  # lower-case surface form (name or genitive) → record
    region_names: dict[str, str]  # lower-case "region x" → canonical region name
    county_of_region: dict[str, str]  # region name → county name
    known: dict[str, KnownOrg]  # surface (name, genitive, acronym) → org
    known_re: re.Pattern[str]
    known_by_first: dict[str, tuple[str, ...]]  # first word → known forms, longest first
    muni_re: re.Pattern[str]
    north_codes: frozenset[str]

    def municipality(self, surface: str) -> MunicipalityRecord | None:
        return self.munis.get(surface.lower())


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _known_orgs() -> dict[str, KnownOrg]:
    known: dict[str, KnownOrg] = {}
    for row in organisation_patterns():
        if row["kind"] != "exact" or row["org_type"] in _NOT_ORG_TYPES:
            continue
        abbr = row["abbreviation"] or None
        org = KnownOrg(
            row["pattern"], org_type(row["org_type"]), abbr, row["official_name"] or None
        )
        for form in (org.name, genitive(org.name)):
            known[form] = org
        if org.official_name and org.official_name != org.name:
            # Written out in full, the official name is the name and the short one an alias.
            full = KnownOrg(org.official_name, org.org_type, abbr or org.name, None)
            known.setdefault(org.official_name, full)
        if abbr and len(abbr) >= MIN_ABBREVIATION:
            known.setdefault(abbr, org)
    for name, kind, acronym in _lexicon_orgs():
        org = KnownOrg(name, org_type(kind), acronym or None, None)
        for form in (name, genitive(name)):
            known.setdefault(form, org)
        if acronym and len(acronym) >= MIN_ABBREVIATION:
            known.setdefault(acronym, org)
    return known


def _lexicon_orgs() -> list[tuple[str, str, str]]:
    """Reference organisations of patterns/organisations.toml: (name, org type, acronym)."""
    rows = load_toml("organisations.toml")["orgs"]
    assert isinstance(rows, list)
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names of names.toml ("Sverige", "Norge", …): places, never bodies."""
    return frozenset(_strings(load_toml("names.toml"), "countries"))


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Head words that make a capitalised name an organisation ("… Incubator", "… centrum")."""
    heads = load_toml("organisations.toml")["org_heads"]
    assert isinstance(heads, list)
    return frozenset(str(h) for h in heads)


@dataclass(frozen=True)
class OrgShapes:
    """Word lists of patterns/organisations.toml for names found by their shape."""

    genitive_heads: dict[str, OrgType]  # "förbund" → civil_society
    generic_genitives: frozenset[str]
    national_genitives: frozenset[str]  # before a bare head: "Sveriges universitet"
    openers: frozenset[str]  # casefolded words that open a sentence, never a name
    english_heads: tuple[str, ...]
    english_group_words: frozenset[str]
    company_suffixes: tuple[str, ...]
    destination_prefixes: tuple[str, ...]
    destination_finals: tuple[str, ...]
    town_context_words: frozenset[str]
    body_finals: dict[str, OrgType]
    body_middles: tuple[str, ...]
    national_adjectives: tuple[str, ...]  # "Norske Reindriftsamers Landsforbund"
    countries: frozenset[str]  # "Sametinget i Norge"
    macro_regions: frozenset[str]  # "Energikontoret i Mittsverige", "Almi Invest Norrland"
    regional_heads: dict[str, OrgType]  # "Statsforvalteren i Troms og Finnmark"
    regional_compound_heads: dict[str, OrgType]  # "Energikontoret i Mittsverige"


def _strings(table: object, key: str) -> list[str]:
    assert isinstance(table, dict)
    value = table[key]
    assert isinstance(value, list)
    return [str(v) for v in value]


def _types(table: object) -> dict[str, OrgType]:
    assert isinstance(table, dict)
    return {str(k): org_type(str(v)) for k, v in table.items()}


@lru_cache(maxsize=1)
def org_shapes() -> OrgShapes:
    spec = load_toml("organisations.toml")
    shapes = spec["orgs_by_shape"]
    return OrgShapes(
        _types(spec["genitive_org_heads"]),
        frozenset(w.casefold() for w in _strings(shapes, "generic_genitives")),
        frozenset(w.casefold() for w in _strings(shapes, "national_genitives")),
        frozenset(
            w.casefold()
            for w in (
                *_strings(shapes, "sentence_openers"),
                *_strings(shapes, "role_labels"),
                *_strings(load_toml("names.toml"), "clause_openers"),
            )
        ),
        tuple(_strings(shapes, "english_heads")),
        frozenset(_strings(shapes, "english_group_words")),
        tuple(_strings(shapes, "company_suffixes")),
        tuple(_strings(shapes, "destination_prefixes")),
        tuple(_strings(shapes, "destination_finals")),
        frozenset(_strings(shapes, "town_context_words")),
        _types(spec["body_finals"]),
        tuple(_strings(spec["body_final_middles"], "words")),
        tuple(_strings(shapes, "national_adjectives")),
        frozenset(_strings(shapes, "countries")),
        frozenset(_strings(shapes, "macro_regions")),
        _types(spec["regional_heads"]),
        _types(spec["regional_compound_heads"]),
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The cached gazetteer (reference data is read once per process)."""
    records = municipalities()
    north = frozenset(m.code for m in records if m.inland is not None)
    munis: dict[str, MunicipalityRecord] = {}
    for m in records:
        for form in (m.name, genitive(m.name)):
            munis.setdefault(form.lower(), m)
    regions: dict[str, str] = {}
    county_of: dict[str, str] = {}
    for m in records:
        regions[m.region_org.lower()] = m.region_org
        regions[genitive(m.region_org).lower()] = m.region_org
        county_of[m.region_org] = m.county
    known = _known_orgs()
    exact_forms = [k for k in known]
    # Case-sensitive on purpose: "Formas" is an agency, "formas" a verb.
    known_re = re.compile(r"(?<![\w-])(" + _alternation(exact_forms) + r")(?![\w-])")
    north_names = [m.name for m in records if m.code in north]
    names = north_names + [genitive(n) for n in north_names]
    muni_re = re.compile(r"(?<![\w-])(" + _alternation(names) + r")(?![\w-])")
    by_first: dict[str, list[str]] = {}
    for form in exact_forms:
        by_first.setdefault(form.split(" ")[0], []).append(form)
    first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}
    return Gazetteer(munis, regions, county_of, known, known_re, first, muni_re, north)
