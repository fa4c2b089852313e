"""Extraction quality: precision, recall and F1 of the loaders against hand-made gold files.

Usage (from the repository root)::

    .venv/bin/python bench/extraction_quality.py                 # corpus vs bench/gold
    .venv/bin/python bench/extraction_quality.py --set dev2      # bench/gold/dev2 (also dev3, dev4)
    .venv/bin/python bench/extraction_quality.py --set unseen2   # held-out (also --unseen)
    .venv/bin/python bench/extraction_quality.py --verbose --json

Sets: "dev" is the corpus with bench/gold/*.yaml; every other set is a folder of bench/gold
holding its documents beside their gold files (README.md there says how it was made). The
dev sets guided the rules; the held-out sets (unseen, unseen2) are scored, never tuned on.

The gold files and the matching rules are described in bench/gold/GUIDELINES.md.
Extraction runs without curation, so the figures measure the rules alone. The script
always exits 0: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the script runs from bench/, the packages live at the root
    sys.path.insert(0, str(ROOT))

GOLD_DIR = ROOT / "bench" / "gold"
UNSEEN_DIR = GOLD_DIR / "unseen"
CORPUS_DIR = ROOT / "data" / "corpus"
DEV_SETS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "dev16",
    "dev17",
    "dev18",
    "dev19",
    "dev20",
    "dev21",
    "dev22",
    "dev23",
    "dev24",
    "dev25",
    "dev26",
    "dev27",
    "dev28",
    "dev29",
    "dev30",
    "dev31",
    "dev32",
    "dev33",
    "dev34",
    "dev35",
)
HELD_OUT_SETS = ("unseen", "unseen2")


def set_paths(name: str) -> tuple[list[Path], Path]:
    """Documents and gold directory of a named evaluation set."""
    if name == "dev":
        return sorted(CORPUS_DIR.glob("*.txt")), GOLD_DIR
    folder = GOLD_DIR / name
    if name not in DEV_SETS + HELD_OUT_SETS or not folder.is_dir():
        raise SystemExit(f"unknown evaluation set {name!r} (known: {DEV_SETS + HELD_OUT_SETS})")
    return sorted(folder.glob("*.txt")), folder


ENTITY_TYPES = ("Organisation", "Arena", "Project", "StrategicArea")
ORG_RELATIONS = ("member_of", "leads", "partner_in", "funds")
RELATION_TYPES = (*ORG_RELATIONS, "contributes_to")
TARGETS = {
    "Arena+Project": 0.90,
    "Organisation": 0.90,
    "org→arena/project": 0.80,
    "contributes_to": 0.97,
}
_LEADING = re.compile(
    r"^(nätverket|projektet|förstudien|forskningsprojektet|eu projektet|samverkansplattformen)\s+"
)
_PAREN = re.compile(r"\(([^()]*)\)")
_NON_WORD = re.compile(r"[^\wåäöéü]+")


# --- name normalisation -----------------------------------------------------------------


def norm(text: str) -> str:
    """Casefolded, punctuation-free form with leading article words removed (å/ä/ö kept)."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("\u00ad", "")
    spaced = _NON_WORD.sub(" ", folded.replace("_", " ")).strip()
    return _LEADING.sub("", spaced)


def key(text: str) -> str:
    """``norm`` plus a tolerated genitive: a final ``s`` on each longer word is dropped."""
    words = norm(text).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def name_keys(names: Iterable[str]) -> set[str]:
    """Keys of every name, of the name without its parenthesis, and of the parenthesis."""
    keys: set[str] = set()
    for name in names:
        variants = [name, _PAREN.sub(" ", name), *_PAREN.findall(name)]
        keys.update(k for k in (key(v) for v in variants) if k)
    return keys


def slug_like(text: str) -> str:
    """A comparison form of a priority heading or priority id (ASCII, hyphen-joined)."""
    folded = unicodedata.normalize("NFKD", text.split(":", 1)[-1].casefold())
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def same_priority(gold: str | None, predicted: Sequence[str]) -> bool:
    """True when the gold priority heading equals or prefixes one of the predicted forms."""
    if gold is None:
        return True
    want = slug_like(gold)
    for cand in (slug_like(p) for p in predicted if p):
        shorter, longer = sorted((want, cand), key=len)
        if len(shorter) >= 12 and longer.startswith(shorter):
            return True
    return False


# --- gold and predicted items -------------------------------------------------------------


@dataclass
class Item:
    """An entity or relation end, gold or predicted, reduced to what matching needs."""

    type: str
    label: str
    keys: set[str]
    priorities: list[str] = field(default_factory=list)
    optional: bool = False


@dataclass
class Rel:
    type: str
    source: Item
    target: Item | int
    optional: bool = False

    @property
    def label(self) -> str:
        target = self.target if isinstance(self.target, int) else self.target.label
        return f"{self.source.label} → {target}"


@dataclass
class GoldDoc:
    document: str
    entities: list[Item]
    relations: list[Rel]


def load_gold(path: Path) -> GoldDoc:
    """Parse one gold YAML file; ValueError names the file and the problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "document" not in data:
        raise ValueError(f"{path}: not a gold file (no 'document' key)")
    entities = [_gold_entity(raw) for raw in data.get("entities") or []]
    index = {(e.type, e.label): e for e in entities}
    relations = [_gold_relation(raw, index) for raw in data.get("relations") or []]
    return GoldDoc(str(data["document"]), entities, relations)


def _gold_entity(raw: dict[str, Any]) -> Item:
    names = [raw["name"], *(raw.get("aliases") or [])]
    prio = [raw["priority"]] if raw.get("priority") else []
    return Item(raw["type"], raw["name"], name_keys(names), prio, bool(raw.get("optional")))


def _gold_end(name: str, index: dict[tuple[str, str], Item], priority: str | None) -> Item:
    """The gold entity a relation end names (any type), or a bare item from the name."""
    for etype in ENTITY_TYPES:
        found = index.get((etype, name))
        if found and (priority is None or priority in found.priorities):
            return found
    return Item("?", name, name_keys([name]), [priority] if priority else [])


def _gold_relation(raw: dict[str, Any], index: dict[tuple[str, str], Item]) -> Rel:
    priority = raw.get("priority")
    source = _gold_end(str(raw["source"]), index, priority)
    target: Item | int
    if raw["type"] == "contributes_to":
        target = int(raw["target"])
    else:
        target = _gold_end(str(raw["target"]), index, None)
    return Rel(raw["type"], source, target, bool(raw.get("optional")))


def _pred_entity(entity: Any) -> Item:
    attrs = entity.attributes
    priorities = [
        str(attrs.get("priority") or ""),
        *[str(p) for p in attrs.get("section_path", [])],
    ]
    etype = getattr(entity.type, "value", str(entity.type))
    return Item(etype, entity.name, name_keys([entity.name, *entity.aliases]), priorities)


def _goal_of(entity_id: str, entity: Any | None) -> int | None:
    if entity is not None and entity.attributes.get("goal"):
        return int(entity.attributes["goal"])
    tail = entity_id.split(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


# --- matching ---------------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_pos: list[str] = field(default_factory=list)
    false_neg: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def entity_match(gold: Item, pred: Item) -> int:
    """0 = no match; 2 = the primary names agree; 1 = some name or alias agrees."""
    if gold.type != pred.type or not gold.keys & pred.keys:
        return 0
    if gold.type == "StrategicArea" and not same_priority(
        gold.priorities[0] if gold.priorities else None, pred.priorities
    ):
        return 0
    return 2 if name_keys([gold.label]) & name_keys([pred.label]) else 1


def _end_match(gold: Item, pred: Item) -> bool:
    if not gold.keys & pred.keys:
        return False
    if gold.priorities and pred.type == "StrategicArea":
        return same_priority(gold.priorities[0], pred.priorities)
    return True


def relation_match(gold: Rel, pred: Rel) -> int:
    """1 when type, source and target agree (SDG targets by goal number), else 0."""
    if gold.type != pred.type or not _end_match(gold.source, pred.source):
        return 0
    if isinstance(gold.target, int) or isinstance(pred.target, int):
        return int(gold.target == pred.target)
    return int(_end_match(gold.target, pred.target))


def match(golds: Sequence[Any], preds: Sequence[Any], scorer: Callable[[Any, Any], int]) -> Score:
    """Greedy one-to-one matching, best pairs first; optional gold items are neutral."""
    pairs = sorted(
        (
            (s, gi, pi)
            for gi, g in enumerate(golds)
            for pi, p in enumerate(preds)
            if (s := scorer(g, p))
        ),
        key=lambda t: (-t[0], golds[t[1]].optional),
    )
    gold_used: set[int] = set()
    pred_used: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi not in gold_used and pi not in pred_used:
            gold_used.add(gi)
            pred_used[pi] = gi
    neutral = {pi for _, gi, pi in pairs if golds[gi].optional and pi not in pred_used}
    score = Score()
    for pi, gi in pred_used.items():
        if not golds[gi].optional:
            score.tp += 1
        neutral.add(pi)
    score.false_pos = [preds[pi].label for pi in range(len(preds)) if pi not in neutral]
    score.false_neg = [
        g.label for gi, g in enumerate(golds) if gi not in gold_used and not g.optional
    ]
    score.fp, score.fn = len(score.false_pos), len(score.false_neg)
    return score


# --- predicted items per document ---------------------------------------------------------------


@dataclass
class PredDoc:
    entities: list[Item]
    relations: list[Rel]


def predicted_docs(extraction: Any) -> dict[str, PredDoc]:
    """Scored entities and relations of an Extraction, grouped by the documents they cite."""
    index = extraction.entity_index()
    items = {e.id: _pred_entity(e) for e in extraction.entities}
    docs: dict[str, PredDoc] = {d.id: PredDoc([], []) for d in extraction.documents}
    by_slug = {slug_like(d.id): d.id for d in extraction.documents}
    mentioned: dict[str, set[str]] = {}
    for entity in extraction.entities:
        in_docs = {m.document for m in entity.mentions}
        mentioned[entity.id] = in_docs
        if items[entity.id].type in ENTITY_TYPES:
            for doc in in_docs & docs.keys():
                docs[doc].entities.append(items[entity.id])
    for relation in extraction.relations:
        rel = _pred_relation(relation, items, index)
        if rel is None:
            continue
        cited = {ev.document for ev in relation.evidence} or mentioned.get(relation.source, set())
        for doc in cited & docs.keys():
            docs[doc].relations.append(rel)
    return {s: docs[d] for s, d in by_slug.items()}


def _org_to_arena(source: Item, target: Item | None) -> bool:
    return (
        source.type == "Organisation" and target is not None and target.type in ("Arena", "Project")
    )


def _pred_relation(relation: Any, items: dict[str, Item], index: dict[str, Any]) -> Rel | None:
    rtype = getattr(relation.type, "value", str(relation.type))
    if rtype not in RELATION_TYPES or relation.source not in items:
        return None
    if rtype in ORG_RELATIONS and not _org_to_arena(
        items[relation.source], items.get(relation.target)
    ):
        return None  # e.g. a contact person's member_of its employer: not what is scored here
    target: Item | int | None
    if rtype == "contributes_to":
        target = _goal_of(relation.target, index.get(relation.target))
    else:
        target = items.get(relation.target)
    return None if target is None else Rel(rtype, items[relation.source], target)


# --- offsets ------------------------------------------------------------------------------------


def offset_check(extraction: Any, texts: dict[str, str]) -> dict[str, int]:
    """Counts of mentions and evidence quotes whose offsets slice the original text correctly."""
    counts = {"mentions": 0, "mentions_ok": 0, "quotes": 0, "quotes_ok": 0}
    for entity in extraction.entities:
        for m in entity.mentions:
            text = texts.get(m.document)
            if text is None:
                continue
            counts["mentions"] += 1
            counts["mentions_ok"] += int(0 <= m.start < m.end <= len(text))
    for relation in extraction.relations:
        for ev in relation.evidence:
            text = texts.get(ev.document)
            if text is None:
                continue
            counts["quotes"] += 1
            counts["quotes_ok"] += int(ev.end <= len(text) and text[ev.start : ev.end] == ev.quote)
    return counts


# --- the run --------------------------------------------------------------------------------------


@dataclass
class Report:
    entities: dict[str, Score]
    relations: dict[str, Score]
    offsets: dict[str, int]
    documents: list[str]
    missing: list[str]

    def combined(self, name: str) -> Score:
        total = Score()
        parts = {
            "Arena+Project": [self.entities["Arena"], self.entities["Project"]],
            "org→arena/project": [self.relations[t] for t in ORG_RELATIONS],
        }.get(name) or [self.entities.get(name) or self.relations[name]]
        for part in parts:
            total.add(part)
        return total


def _neutral(pred: Item, ambiguous: Sequence[Item], same_type: Sequence[Item]) -> bool:
    """An optional gold item is ambiguous in type too: a prediction of another type that
    names it is neither rewarded nor penalised (unless it also names a gold item of its type)."""
    if any(pred.keys & g.keys for g in same_type):
        return False
    return any(pred.keys & g.keys for g in ambiguous if g.type != pred.type)


def score_documents(golds: Sequence[GoldDoc], preds: dict[str, PredDoc]) -> Report:
    """Micro-averaged scores over every gold document."""
    entities = {t: Score() for t in ENTITY_TYPES}
    relations = {t: Score() for t in RELATION_TYPES}
    missing = []
    for gold in golds:
        pred = preds.get(slug_like(gold.document))
        if pred is None:
            missing.append(gold.document)
            pred = PredDoc([], [])
        ambiguous = [e for e in gold.entities if e.optional]
        for etype in ENTITY_TYPES:
            g = [e for e in gold.entities if e.type == etype]
            p = [e for e in pred.entities if e.type == etype and not _neutral(e, ambiguous, g)]
            entities[etype].add(match(g, p, entity_match))
        for rtype in RELATION_TYPES:
            g_rel = [r for r in gold.relations if r.type == rtype]
            p_rel = [r for r in pred.relations if r.type == rtype]
            relations[rtype].add(match(g_rel, p_rel, relation_match))
    return Report(entities, relations, {}, [g.document for g in golds], missing)


def run(doc_paths: Sequence[Path], gold_dir: Path) -> Report:
    """Extract the documents with the loaders (no curation) and score them against gold_dir."""
    try:  # imported by name so that a broken or missing loader gives one clear message
        pipeline = importlib.import_module("loaders.pipeline")
    except ImportError as exc:
        raise SystemExit(f"extraction_quality: cannot import loaders.pipeline ({exc})") from exc
    golds = [load_gold(p) for p in sorted(gold_dir.glob("*.yaml"))]
    wanted = {slug_like(g.document) for g in golds}
    paths = [p for p in doc_paths if slug_like(p.stem) in wanted]
    result = pipeline.extract(paths, pipeline.ExtractOptions(curation=None))
    for err in result.errors:
        print(f"extraction error: {err.path}: {err.message}", file=sys.stderr)
    report = score_documents(golds, predicted_docs(result.extraction))
    texts = {slug_like(p.stem): p.read_text(encoding="utf-8") for p in paths}
    texts = {
        d.id: texts[slug_like(d.id)]
        for d in result.extraction.documents
        if slug_like(d.id) in texts
    }
    report.offsets = offset_check(result.extraction, texts)
    return report


# --- output ---------------------------------------------------------------------------------------


def _row(name: str, s: Score) -> str:
    return (
        f"{name:<22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"
    )


def render(report: Report, verbose: bool) -> str:
    """The human-readable table, targets with PASS/FAIL and (verbose) FP/FN names."""
    lines = [f"documents: {', '.join(report.documents)}"]
    if report.missing:
        lines.append(f"not extracted: {', '.join(report.missing)}")
    lines.append(f"{'':<22} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    for name, s in [*report.entities.items(), *report.relations.items()]:
        lines.append(_row(name, s))
    lines.append(_row("org→arena/project", report.combined("org→arena/project")))
    lines.append(_row("Arena+Project", report.combined("Arena+Project")))
    lines.append("targets:")
    for name, target in TARGETS.items():
        f1 = report.combined(name).f1
        lines.append(
            f"  {name:<20} F1 {f1:.3f} >= {target:.2f}  {'PASS' if f1 >= target else 'FAIL'}"
        )
    lines.append(_offset_line(report.offsets))
    if verbose:
        lines += _details(report)
    return "\n".join(lines)


def _offset_line(o: dict[str, int]) -> str:
    m = o.get("mentions_ok", 0) / o["mentions"] if o.get("mentions") else 1.0
    q = o.get("quotes_ok", 0) / o["quotes"] if o.get("quotes") else 1.0
    verdict = "PASS" if m == 1.0 and q == 1.0 else "FAIL"
    return (
        f"offsets: mentions {o.get('mentions_ok', 0)}/{o.get('mentions', 0)} ({m:.3f}), "
        f"quotes {o.get('quotes_ok', 0)}/{o.get('quotes', 0)} ({q:.3f})  {verdict}"
    )


def _details(report: Report) -> list[str]:
    out: list[str] = []
    for name, s in [*report.entities.items(), *report.relations.items()]:
        out += [f"[{name}] FP: {x}" for x in sorted(set(s.false_pos))]
        out += [f"[{name}] FN: {x}" for x in sorted(set(s.false_neg))]
    return out


def as_json(report: Report) -> dict[str, Any]:
    def one(s: Score) -> dict[str, Any]:
        return {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
        }

    return {
        "documents": report.documents,
        "missing": report.missing,
        "entities": {k: one(v) for k, v in report.entities.items()},
        "relations": {k: one(v) for k, v in report.relations.items()},
        "combined": {k: one(report.combined(k)) for k in TARGETS},
        "targets": {
            k: {"target": t, "pass": report.combined(k).f1 >= t} for k, t in TARGETS.items()
        },
        "offsets": report.offsets,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", nargs="*", type=Path, help="documents (default: the corpus)")
    parser.add_argument("--gold", type=Path, help="gold directory (default: bench/gold)")
    parser.add_argument("--unseen", action="store_true", help="score bench/gold/unseen")
    parser.add_argument("--set", default=None, help=f"evaluation set: {DEV_SETS + HELD_OUT_SETS}")
    parser.add_argument("--verbose", action="store_true", help="list false positives/negatives")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    default_docs, default_gold = set_paths(args.set or ("unseen" if args.unseen else "dev"))
    report = run(args.docs or default_docs, args.gold or default_gold)
    print(
        json.dumps(as_json(report), ensure_ascii=False, indent=2)
        if args.json
        else render(report, args.verbose)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
