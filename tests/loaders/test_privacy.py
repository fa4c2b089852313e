"""Privacy: phone numbers and e-mail addresses leave the loader only when opted in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.contacts import find_contact_persons
from loaders.privacy import clean_span, find_contact_details, redact, scrub_extraction
from loaders.read import read_source
from ontology.model import (
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Relation,
    RelationType,
)

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
REGION = {"vasterbotten": "org:region-vasterbotten", "norrbotten": "org:region-norrbotten"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("0920-28 41 06", "0920-28 41 06"),
        ("ring 072-726 66 50.", "072-726 66 50"),
        ("Region Västerbotten, 090-16 57 11, 070-397 68 84", "090-16 57 11"),
        ("tel +46 70 397 68 84", "+46 70 397 68 84"),
        ("tel +46 (0)920-28 41 06 idag", "+46 (0)920-28 41 06"),
        ("mobil 0703976884", "0703976884"),
        ("(0920) 28 41 06", "(0920) 28 41 06"),
        (
            "Berg,ingela.hjulforsberg@regionvasterbotten.se, 070",
            "ingela.hjulforsberg@regionvasterbotten.se",
        ),
        ("skriv till sara.stylback-vesa@norrbotten.se", "sara.stylback-vesa@norrbotten.se"),
        ("namn(at)region.se", "namn(at)region.se"),
    ],
)
def test_contact_details_in_corpus_forms(text: str, found: str) -> None:
    spans = find_contact_details(text)
    assert text[spans[0][0] : spans[0][1]] == found


@pytest.mark.parametrize(
    "text",
    [
        "RUS 2014-2020 och 2020–2030",
        "den 2024-05-01 kl 10:00",
        "totalbudget 112 500 000 kr (60 000 000 kr för Norrbotten)",
        "Box 940, 971 28 Luleå",
        "www.regionvasterbotten.se/direkt",
        "delmål 11.A och mål 7",
        "0,5 procent av 0 kr",
        "organisationsnummer 232100-0222",
    ],
)
def test_no_false_contact_details(text: str) -> None:
    assert find_contact_details(text) == []


def test_no_contact_details_outside_the_contact_blocks_of_the_corpus() -> None:
    for path in CORPUS.glob("*.txt"):
        text = path.read_text("utf-8")
        for start, _, _ in find_contact_details(text):
            line = text[text.rfind("\n", 0, start) + 1 : text.find("\n", start)]
            assert "@" in line or line[:1].isdigit(), (path.name, line)


def test_redact_tidies_what_is_left() -> None:
    line = (
        "Anna Pettersson, regiondirektör, Region Västerbotten, 090-16 57 11, 070-397 68 84,"
        "  anna.pettersson@regionvasterbotten.se"
    )
    assert redact(line) == "Anna Pettersson, regiondirektör, Region Västerbotten"
    assert redact("Ring tel. 070-397 68 84 eller E-post: a@b.se idag.") == "Ring eller idag."
    assert redact("Ylva, 0920-28 44 78", "[borttaget]") == "Ylva, [borttaget]"
    assert redact("Mål 7: Hållbar energi för alla") == "Mål 7: Hållbar energi för alla"


def test_clean_span_keeps_longest_clean_part_and_valid_slice() -> None:
    original = (
        "Pressinformation:\nIngela Hjulfors Berg, kommunikatör, Region Västerbotten,"
        "ingela.hjulforsberg@regionvasterbotten.se, 070-231 93 22\n"
    )
    start = original.index("Ingela")
    span = clean_span(original, start, len(original) - 1)
    assert span is not None
    assert original[span[0] : span[1]] == "Ingela Hjulfors Berg, kommunikatör, Region Västerbotten"
    # A span cut in the middle of a number still loses the rest of the number.
    tail = original.index("231")
    assert clean_span(original, tail, len(original) - 1) is None


def _details_spans(original: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in find_contact_details(original)]


def _corpus_extraction() -> tuple[Extraction, dict[str, str]]:
    """Contact persons of every corpus document, plus relations whose evidence is every
    corpus line holding a contact detail (whole line, and a span starting mid-number)."""
    originals: dict[str, str] = {}
    documents, entities, relations = [], [], []
    for path in sorted(CORPUS.glob("*.txt")):
        source = read_source(path)
        originals[source.doc_id] = source.original
        documents.append(Document(id=source.doc_id, path=str(path), title=path.stem))
        region = REGION["norrbotten" if "norrbotten" in path.name else "vasterbotten"]
        people, links = find_contact_persons(source, region)
        entities += people
        relations += links
        relations += _line_relations(source.doc_id, source.original, region)
    noisy = Entity(
        id="org:region-vasterbotten",
        type=EntityType.ORGANISATION,
        name="Region Västerbotten",
        aliases=["RV", "växel 090-785 70 00"],
        attributes={
            "description": "Region Västerbotten, tel. 090-785 70 00, info@regionvasterbotten.se"
        },
        mentions=[Mention(document="vasterbotten-rus-kickoff-2012", start=0, end=10)],
    )
    only_email = Entity(id="org:x", type=EntityType.ORGANISATION, name="info@example.se")
    entities += [noisy, only_email]
    relations.append(Relation(type=RelationType.MEMBER_OF, source="org:x", target=noisy.id))
    return Extraction(documents=documents, entities=entities, relations=relations), originals


def _line_relations(doc_id: str, original: str, region: str) -> list[Relation]:
    relations = []
    for start, end in _details_spans(original):
        line_start = original.rfind("\n", 0, start) + 1
        line_end = original.find("\n", end) % (len(original) + 1)
        spans = [(line_start, line_end), (start + 3, line_end), (max(0, start - 30), end - 2)]
        evidence = [
            Evidence(document=doc_id, start=s, end=e, quote=original[s:e]) for s, e in spans
        ]
        relations.append(
            Relation(
                type=RelationType.PARTNER_IN, source=region, target="project:x", evidence=evidence
            )
        )
    return relations


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_whole_corpus_extraction_has_no_contact_details_left() -> None:
    extraction, originals = _corpus_extraction()
    before = json.loads(extraction.model_dump_json())
    assert any(find_contact_details(s) for s in _strings(before))
    scrubbed = scrub_extraction(extraction, originals, keep_contact_details=False)
    for text in _strings(json.loads(scrubbed.model_dump_json())):
        assert not find_contact_details(text), text
    blocked = {doc: _details_spans(text) for doc, text in originals.items()}
    for relation in scrubbed.relations:
        for ev in relation.evidence:
            assert ev.quote == originals[ev.document][ev.start : ev.end]
            assert ev.quote.strip() and ev.quote == ev.quote.strip(" ,")
            assert all(ev.end <= s or ev.start >= e for s, e in blocked[ev.document])
    for entity in scrubbed.entities:
        for m in entity.mentions:
            assert all(m.end <= s or m.start >= e for s, e in blocked[m.document])


def test_scrub_keeps_people_drops_details_and_detail_only_entities() -> None:
    extraction, originals = _corpus_extraction()
    scrubbed = scrub_extraction(extraction, originals)
    index = scrubbed.entity_index()
    anna = index["person:anna-pettersson"]
    assert anna.attributes == {"title": "regiondirektör", "organisation": "org:region-vasterbotten"}
    region = index["org:region-vasterbotten"]
    assert region.aliases == ["RV"]  # "växel 090-…": the label goes with the number
    assert region.attributes["description"] == "Region Västerbotten"
    assert "org:x" not in index
    assert not [r for r in scrubbed.relations if "org:x" in (r.source, r.target)]
    assert len(scrubbed.entities) == len(extraction.entities) - 1


def test_opt_in_keeps_contact_details() -> None:
    extraction, originals = _corpus_extraction()
    kept = scrub_extraction(extraction, originals, keep_contact_details=True)
    anna = kept.entity_index()["person:anna-pettersson"]
    assert anna.attributes["phone"] == ["090-16 57 11", "070-397 68 84"]
    assert anna.attributes["email"] == ["anna.pettersson@regionvasterbotten.se"]


_PIECES = st.sampled_from(
    [
        "Anna Pettersson",
        ", ",
        " ",
        "\n",
        "regiondirektör",
        "Region Västerbotten",
        "090-16 57 11",
        "070-397 68 84",
        "+46 70 397 68 84",
        "0920-28 41 06",
        "tel. ",
        "E-post: ",
        "anna.pettersson@regionvasterbotten.se",
        "2014-2020",
        "112 500 000 kr",
        "0",
        "7",
        "-",
        "@",
        ".se",
    ]
)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=25), cut=st.integers(0, 400), size=st.integers(0, 400))
def test_redact_and_clean_span_leave_no_details(pieces: list[str], cut: int, size: int) -> None:
    text = "".join(pieces)
    assert find_contact_details(redact(text)) == []
    start = min(cut, len(text))
    end = min(start + size, len(text))
    span = clean_span(text, start, end)
    if span is not None:
        assert start <= span[0] <= span[1] <= end
        assert all(span[1] <= s or span[0] >= e for s, e in _details_spans(text))


def test_numbers_glued_together_are_all_removed() -> None:
    glued = "090-16 57 11+46 70 397 68 84"
    assert [glued[s:e] for s, e, _ in find_contact_details(glued)] == [
        "090-16 57 11",
        "+46 70 397 68 84",
    ]
    assert redact(glued) == ""
    assert redact("Ring 2014-2020070-397 68 84") == "Ring 2014-2020070-397 68 84"  # no phone


def test_clean_span_sees_an_address_longer_than_its_context() -> None:
    address = "förnamn.efternamn.avdelning@" + "regionvasterbotten." * 3 + "se"
    original = f"Skriv till {address} idag"
    start = original.index(address)
    assert clean_span(original, start, start + 5) is None  # only a piece of the address
