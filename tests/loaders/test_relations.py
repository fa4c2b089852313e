"""Relation cues on real sentences: one relation per enumerated organisation."""

from __future__ import annotations

from loaders.pipeline import extract_text_extraction
from ontology.model import Extraction, RelationType

ARENAS = """Västerbotten – En nytänkande och smart region

Samverkan

Fasta samverkansytor

Strategirådet för kommunernas samverkan inom digitaliseringsområdet

Innefattar tre kommunchef, digitaliseringschefer från Umeå och Skellefteå kommun \
samt Lystkoms förbundschefer. \
Region Västerbotten sammankallar och leder rådets arbete.

Innovationspartnerskap Umeå

Partnerskap mellan Region Västerbotten, Länsstyrelsen Västerbotten, Umeå universitet, \
Sveriges lantbruksuniversitet, RISE och Umeå kommun \
med fokus på innovation, förnyelse och omställning i Umeå.
"""

GREEN_DEAL = """North Sweden Green Deal

Projektet North Sweden Green Deal ska skapa engagemang.

Det drivs av Region Norrbotten och Region Västerbotten. Samverkanspartner för Norrbotten är:

  • Norrbottens Kommuner
  • Luleå tekniska universitet
  • Swedish Lapland Visitors Board
"""


def _rels(x: Extraction, rtype: RelationType, target: str) -> set[str]:
    return {r.source for r in x.relations if r.type is rtype and r.target == target}


def test_enumeration_gives_one_member_relation_per_organisation() -> None:
    x = extract_text_extraction(ARENAS, "excerpt")
    members = _rels(x, RelationType.MEMBER_OF, "arena:innovationspartnerskap-umea")
    assert members == {
        "org:region-vasterbotten",
        "org:lansstyrelsen-vasterbotten",
        "org:umea-universitet",
        "org:sveriges-lantbruksuniversitet",
        "org:rise",
        "org:umea-kommun",
    }


def test_convener_leads_the_council() -> None:
    x = extract_text_extraction(ARENAS, "excerpt")
    council = "arena:strategiradet-for-kommunernas-samverkan-inom-digitaliseringsomradet"
    assert "org:region-vasterbotten" in _rels(x, RelationType.LEADS, council)


def test_evidence_quotes_slice_the_original() -> None:
    x = extract_text_extraction(ARENAS, "excerpt")
    for r in x.relations:
        for ev in r.evidence:
            assert ARENAS[ev.start : ev.end] == ev.quote


def test_partners_in_bullet_list_including_unknown_names() -> None:
    x = extract_text_extraction(GREEN_DEAL, "gd")
    project = "project:north-sweden-green-deal"
    assert {"org:region-norrbotten", "org:region-vasterbotten"} <= _rels(
        x, RelationType.LEADS, project
    )
    partners = _rels(x, RelationType.PARTNER_IN, project)
    assert {"org:lulea-tekniska-universitet", "org:swedish-lapland-visitors-board"} <= partners
