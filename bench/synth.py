"""Synthetic report-like Swedish documents for scale benchmarks.

Recombines the real structures of the corpus (priority chapters, the recurring
sub-headings, "Fasta samverkansytor" lists of heading + paragraph, "Aktuella Agenda
2030-mål" lists, "Ett urval av insatser" lists, page-break artefacts) with
organisations from the reference data and invented arena and project names.
Deterministic for a given seed.

    python bench/synth.py --docs 100 --out /tmp/synth100
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ontology.reference import municipalities, sdg_goals

PRIORITIES = [
    "En nytänkande och smart region",
    "En region med platsbaserad hållbar näringslivsutveckling",
    "En nära tillgänglig region",
    "En region med hållbara livsmiljöer att bo, verka och leva i",
    "En hälsofrämjande region",
    "En region rik på kompetenser",
]
AREAS = [
    "Digitalisering",
    "Energi",
    "Kultur",
    "Folkhälsa",
    "Kompetensförsörjning",
    "Besöksnäring",
    "Livsmedel",
    "Kollektivtrafik",
    "Samhällsbyggnad",
    "Innovationsledning",
]
SUBHEADINGS = [
    "Omvärldsanalys",
    "Region {region}s bidrag",
    "Samverkan",
    "Sammanhållen region",
    "Jämlik och jämställd inkludering",
    "Föregångare i omställning",
]
ARENA_WORDS = [
    "Ett regionalt nätverk",
    "Ett regionalt råd",
    "En regional plattform",
    "Ett regionalt partnerskap",
    "Ett regionalt forum",
    "Ett regionalt kluster",
]
ARENA_HEADS = ["Nätverk", "Råd", "Plattform", "Partnerskap", "Forum", "Kluster"]
STEMS = [
    "Norrsken",
    "Fjällvind",
    "Älvdal",
    "Skogsljus",
    "Kustlinje",
    "Myrmark",
    "Polarstjärna",
    "Lavskog",
    "Isälv",
    "Tallmo",
    "Renbete",
    "Midnattssol",
]
PROJECT_KINDS = ["förstudie", "projektet", "satsningen"]
ORGS = [
    "Umeå universitet",
    "Luleå tekniska universitet",
    "Sveriges lantbruksuniversitet",
    "RISE",
    "Tillväxtverket",
    "Vinnova",
    "Energimyndigheten",
    "Trafikverket",
    "Almi Företagspartner Nord",
    "Business Sweden",
]
FILLER = (
    "Arbetet bidrar till en levande och cirkulär plats genom samverkan mellan offentliga "
    "och privata aktörer i hela länet. Insatserna följs upp årligen och resultaten sprids "
    "till kommuner, företag och civilsamhälle."
)


def _name(rng: random.Random, used: set[str], head: str) -> str:
    while True:
        name = f"{head} {rng.choice(STEMS)}{rng.choice(['', ' Nord', ' Syd', ' Inland', ' Kust'])}"
        name = f"{name} {rng.randint(1, 9999)}" if name in used else name
        if name not in used:
            used.add(name)
            return name


def _arena_block(rng: random.Random, used: set[str], region: str, munis: list[str]) -> str:
    i = rng.randrange(len(ARENA_HEADS))
    name = _name(rng, used, ARENA_HEADS[i])
    members = [*rng.sample(ORGS, 3), f"{rng.choice(munis)} kommun"]
    return (
        f"{name}\n\n"
        f"{ARENA_WORDS[i]} som samlar {', '.join(members[:-1])} och {members[-1]}. "
        f"Region {region} sammankallar och leder arbetet. {FILLER}\n"
    )


def _sdg_block(rng: random.Random) -> str:
    goals = sorted(rng.sample(list(sdg_goals()), rng.randint(2, 6)), key=lambda g: g.goal)
    lines = ["Aktuella Agenda 2030-mål inom området\n"]
    for g in goals:
        lines.append(f"Mål {g.goal}: {g.name_sv}\n\n{FILLER}\n")
    return "\n".join(lines)


def _project_block(rng: random.Random, used: set[str], munis: list[str]) -> str:
    name = _name(rng, used, rng.choice(["Projektet", "Förstudien", "Satsningen"]))
    place = rng.choice(munis)
    org = rng.choice(ORGS)
    return (
        f"{name}\n\n{org} driver {rng.choice(PROJECT_KINDS)} med {place} som utgångspunkt. "
        f"Projektet finansieras av Europeiska regionala utvecklingsfonden (ERUF) och "
        f"Region {rng.choice(['Västerbotten', 'Norrbotten'])}. {FILLER}\n"
    )


def _page_break(text: str, rng: random.Random) -> str:
    """Split one long word across a page break, as the PDF extraction does."""
    words = [w for w in text.split(" ") if len(w) > 10]
    if not words:
        return text
    w = rng.choice(words)
    cut = len(w) // 2
    return text.replace(w, f"{w[:cut]}-\n\n{w[cut:]}", 1)


def document(seed: int) -> str:
    rng = random.Random(seed)
    region = rng.choice(["Västerbotten", "Norrbotten"])
    county = "24" if region == "Västerbotten" else "25"
    munis = [m.name for m in municipalities() if m.county_code == county]
    used: set[str] = set()
    parts = [f"Resultat {region} {2000 + seed % 30}\n\nFoto: Okänd fotograf\n"]
    for prio in rng.sample(PRIORITIES, 3):
        parts.append(f"{region} – {prio}\n")
        for area in rng.sample(AREAS, 2):
            for sub in SUBHEADINGS[:3]:
                parts.append(f"{sub.format(region=region)}\n\n{area}\n\n{FILLER}\n")
            parts.append("Fasta samverkansytor\n")
            parts += [_arena_block(rng, used, region, munis) for _ in range(rng.randint(2, 4))]
            parts.append(f"Agenda 2030\n\n{area}\n\n{FILLER}\n\n{_sdg_block(rng)}")
            parts.append(f"Ett urval av insatser i länet\n\n{area}\n")
            parts += [_project_block(rng, used, munis) for _ in range(rng.randint(1, 3))]
    return _page_break("\n\n".join(parts), rng)


def write_corpus(n: int, out: Path, seed: int = 0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"synth-{i:05d}.txt"
        path.write_text(document(seed * 1_000_003 + i), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    paths = write_corpus(args.docs, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents, {size / 1024:.0f} KB, to {args.out}")


if __name__ == "__main__":
    main()
