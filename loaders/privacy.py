"""Keep officials' phone numbers and e-mail addresses out of the graph (issue 3, step 9).

Contact persons may be extracted (name, title, organisation, area), but their phone numbers
and e-mail addresses leave the loader only when the operator opts in
(``--keep-contact-details``). :func:`scrub_extraction` removes them from every entity name,
alias and attribute, and from mention and evidence spans. Spans are *trimmed*, never
rewritten: the contract ``quote == original[start:end]`` must keep holding, so a span is
cut down to its longest part free of contact details, and dropped when nothing is left.

Phone numbers are Swedish: a leading ``0`` or ``+46`` (optionally ``+46 (0)``), an area code,
then digit groups separated by spaces or one hyphen ("0920-28 41 06", "072-726 66 50",
"+46 70 397 68 84"), 8–10 digits in national form. Years and ranges ("2014-2020") never
start with ``0`` and so never match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ontology.model import Entity, Evidence, Extraction, Mention, Relation

_PHONE = re.compile(
    # "+46" starts a number even glued to a digit ("…11+46 70 …"); the trunk 0 must not
    # continue a longer word or number ("2014-2020070" is not a phone number).
    r"(?:(?<![^\W\d])(?<!\+)\+46[ \t]?(?:\(0\)[ \t]?)?|(?<![\w+])\(?0)"
    r"\d{1,3}\)?"  # rest of the area code
    r"(?:[ \t]?[-–/][ \t]?|[ \t])?"  # separator after the area code
    r"(?:\d{5,8}|\d{2,4}(?:[ \t-]\d{2,4}){0,3})"  # subscriber number, whole or in groups
    r"(?![\w@])"
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|[ \t]?[(\[]at[)\]][ \t]?)[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}\b"
)
# A label right before a detail goes with it: "tel. 070-…", "E-post: namn@…".
_LABEL = re.compile(
    r"(?:\b(?:tel(?:efon)?|mobil(?:nr|nummer)?|mob|vxl|växel|e-?post|e-?mail|mejl|mail)"
    r"\.?[ \t]*:?[ \t]*)$",
    re.IGNORECASE,
)
_SEPARATORS = " \t,;:/|–-"
MIN_NATIONAL_DIGITS = 8
MAX_NATIONAL_DIGITS = 10
_MAX_REPLACE_PASSES = 8
PHONE = "phone"
EMAIL = "email"


def _national_digits(number: str) -> int:
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    return len(digits) - 2 + 1 if number.startswith("+46") else len(digits)


def find_contact_details(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, "phone" | "email")`` for each contact detail in ``text``, in order.

    >>> find_contact_details("Anna, 090-16 57 11, anna@region.se")
    [(6, 18, 'phone'), (20, 34, 'email')]
    """
    found = [(m.start(), m.end(), EMAIL) for m in _EMAIL.finditer(text)]
    emails = [(s, e) for s, e, _ in found]
    for match in _PHONE.finditer(text):
        number = match.group(0).rstrip(" \t-")
        inside_email = any(s <= match.start() < e for s, e in emails)
        if (
            not inside_email
            and MIN_NATIONAL_DIGITS <= _national_digits(number) <= MAX_NATIONAL_DIGITS
        ):
            found.append((match.start(), match.start() + len(number), PHONE))
    return sorted(found)


def has_contact_details(text: str) -> bool:
    return bool(find_contact_details(text))


def strip_trailing_label(text: str) -> str:
    """``text`` without a contact label at its end: ``"Anna, chef, tel. "`` → ``"Anna, chef, "``."""
    label = _LABEL.search(text)
    return text[: label.start()] if label else text


def with_labels(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Detail spans widened to include a preceding label ("tel.", "E-post:")."""
    widened = []
    for start, end, _ in spans:
        label = _LABEL.search(text, 0, start)
        widened.append((label.start() if label else start, end))
    return widened


def redact(text: str, replacement: str = "") -> str:
    """``text`` without phone numbers and e-mail addresses (and their labels).

    With the default empty ``replacement`` the separators left behind are tidied:
    ``"Anna, chef, 090-16 57 11, anna@x.se"`` → ``"Anna, chef"``.
    """
    # Cutting a detail out (and tidying) can join its neighbours into a new one
    # ("11" + "+46 70 …" + …), so repeat until nothing is found. Without a replacement every
    # pass removes characters, so this ends; a replacement text gets a fixed pass budget.
    passes = 0
    out = _redact_once(text, replacement)
    while out != text and find_contact_details(out):
        passes += 1
        if replacement and passes >= _MAX_REPLACE_PASSES:
            break
        text, out = out, _redact_once(out, replacement)
    return out


def _redact_once(text: str, replacement: str) -> str:
    spans = with_labels(text, find_contact_details(text))
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    out = "".join(parts)
    return out if replacement else _tidy(out)


def _tidy(text: str) -> str:
    """Collapse the separator runs left where details were cut out."""
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t]*([,;])(?:[ \t]*[,;])+", r"\1", line)
        line = re.sub(r"[ \t]{2,}", " ", line)
        lines.append(line.strip(_SEPARATORS) if line.strip(_SEPARATORS) else "")
    return "\n".join(lines).strip()


# --- spans -------------------------------------------------------------------------------

_CONTEXT = 40  # characters looked at around a span to see details cut by its edges
_MAX_TOKEN = 320  # longest e-mail address (254) with room for a label


def clean_span(original: str, start: int, end: int) -> tuple[int, int] | None:
    """The longest part of ``original[start:end]`` free of contact details, or ``None``."""
    lo, hi = _window(original, start, end)
    window = original[lo:hi]
    details = with_labels(window, find_contact_details(window))
    blocked = [(s + lo, e + lo) for s, e in details if s + lo < end and e + lo > start]
    if not blocked:
        return start, end
    best: tuple[int, int] | None = None
    pos = start
    for s, e in [*sorted(blocked), (end, end)]:
        piece = _strip_span(original, pos, min(s, end))
        if piece and (best is None or piece[1] - piece[0] > best[1] - best[0]):
            best = piece
        pos = max(pos, e)
    return best


def _window(original: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened by the context and on to whitespace, so that an e-mail address
    (which holds none) crossing the context edge is seen whole, not as a harmless fragment."""
    lo, hi = max(0, start - _CONTEXT), min(len(original), end + _CONTEXT)
    floor, ceiling = max(0, lo - _MAX_TOKEN), min(len(original), hi + _MAX_TOKEN)
    while lo > floor and not original[lo - 1].isspace():
        lo -= 1
    while hi < ceiling and not original[hi].isspace():
        hi += 1
    return lo, hi


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``[start, end)`` past separators; ``None`` when no letter or digit remains."""
    while start < end and text[start] in _SEPARATORS + "\n\r":
        start += 1
    while end > start and text[end - 1] in _SEPARATORS + "\n\r":
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None
    return start, end


def _scrub_evidence(ev: Evidence, originals: dict[str, str]) -> Evidence | None:
    original = originals.get(ev.document)
    if original is None or original[ev.start : ev.end] != ev.quote:
        # No document text (e.g. curation evidence): trim within the quote itself.
        original, base = ev.quote, ev.start
        span = clean_span(original, 0, len(original))
        return None if span is None else _evidence(ev, original, span, base)
    span = clean_span(original, ev.start, ev.end)
    return None if span is None else _evidence(ev, original, span, 0)


def _evidence(ev: Evidence, text: str, span: tuple[int, int], base: int) -> Evidence:
    start, end = span
    return Evidence(document=ev.document, start=start + base, end=end + base, quote=text[start:end])


def _scrub_mention(mention: Mention, originals: dict[str, str]) -> Mention | None:
    original = originals.get(mention.document)
    if original is None:
        return mention
    span = clean_span(original, mention.start, mention.end)
    return None if span is None else Mention(document=mention.document, start=span[0], end=span[1])


# --- entities and relations --------------------------------------------------------------

_DETAIL_FIELDS = frozenset({"phone", "email"})


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        cleaned = [_scrub_value(v) for v in value]
        return [v for v in cleaned if v != ""]
    if isinstance(value, dict):
        return {k: _scrub_value(v) for k, v in value.items()}
    return value


def _scrub_entity(entity: Entity, originals: dict[str, str]) -> Entity | None:
    name = redact(entity.name)
    if not name:
        return None  # the "entity" was only a phone number or address
    # phone/email lists (ContactPerson) go entirely; every other text is redacted in place.
    attributes = {
        k: _scrub_value(v) for k, v in entity.attributes.items() if k not in _DETAIL_FIELDS
    }
    aliases = [a for a in (redact(x) for x in entity.aliases) if a and a != name]
    mentions = [m for m in (_scrub_mention(x, originals) for x in entity.mentions) if m]
    data = entity.model_dump()
    data.update(
        name=name, aliases=list(dict.fromkeys(aliases)), attributes=attributes, mentions=mentions
    )
    return Entity.model_validate(data)


def _scrub_relation(relation: Relation, originals: dict[str, str]) -> Relation:
    evidence = [e for e in (_scrub_evidence(x, originals) for x in relation.evidence) if e]
    return relation.model_copy(update={"evidence": list(dict.fromkeys(evidence))})


def scrub_extraction(
    extraction: Extraction, originals: dict[str, str], keep_contact_details: bool = False
) -> Extraction:
    """``extraction`` without phone numbers and e-mail addresses, unless they are kept.

    ``originals`` maps document id → original text, so trimmed spans stay valid slices.
    Entities whose whole name was a contact detail are dropped with their relations.
    """
    if keep_contact_details:
        return extraction
    entities = [e for e in (_scrub_entity(x, originals) for x in extraction.entities) if e]
    kept = {e.id for e in entities}
    dropped = {e.id for e in extraction.entities} - kept
    relations = [
        _scrub_relation(r, originals)
        for r in extraction.relations
        if r.source not in dropped and r.target not in dropped
    ]
    documents = [
        d.model_copy(update={"title": redact(d.title) or d.title}) for d in extraction.documents
    ]
    return Extraction(documents=documents, entities=entities, relations=relations)
