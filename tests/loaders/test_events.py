"""Events (meetings) and their participants on real excerpts of the corpus."""

from __future__ import annotations

from loaders.events import event_hits, find_dates, find_places
from loaders.pipeline import extract_text_extraction
from ontology.model import Entity, EntityType, Extraction, Relation, RelationType

# data/corpus/norrbotten-rus-dialog-alvsbyn-2024.txt (title, lead, one section)
ALVSBYN = """

# Älvsbyn 29/5 2024



Kort sammanfattning av de förslag som deltagarna i RUS-dialogen lämnat till Region \
Norrbotten den 29:a maj 2024. I just det här mötet deltog företrädare för:



Kommun



Företag



Regional organisation



Civilsamhälle



Myndighet

## MEST PRIORITERADE OMRÅDEN ENLIGT DELTAGARNA

- 1) **Infrastrukturutveckling:** En starkt återkommande prioritering är behovet av \
förbättrad och utbyggd infrastruktur, både vad gäller vägar och järnvägar.
"""

# data/corpus/vasterbotten-rus-kickoff-2012.txt (the announcement and the programme)
KICKOFF = """Region Västerbotten leder arbetet för en ny regional utvecklingsstrategi

Det praktiska arbetat för att ta fram en ny Regional Utvecklingsstrategi (RUS) för \
2014-2020 inleds med en kick-off 26 september i Lycksele. Region Västerbotten leder \
utvecklingsarbetet tillsammans med åtta arbetsgrupper med deltagare från näringsliv, \
civila samhället, kommuner, landsting och akademi.

Program: Kick-off för RUS-arbetsprocess 2014-2020
Datum och plats: 26 september 2012, Hotell Lappland Lycksele

9:30 Fika
10:00 Inledning av Anna Pettersson, regiondirektör Region Västerbotten
10:10 Den regionala utvecklingsstrategin i ett nationellt och EUropeiskt sammanhang
10:20 Förväntningar på arbetsgrupperna
15.30 Fika och avslutning

Fakta Den regionala utvecklingsstrategin (RUS)
Alla län skall enligt lag ha en regional utvecklingsstrategi. I Västerbottens län ansvarar \
Region Västerbotten för strategin.
"""

# data/corpus/vasterbotten-resultat-2024.txt: a cue word without a date is no meeting.
NO_DATE = """Projektet har fört en nära dialog med kommunernas näringslivskontor både inför \
uppstart och under pågående aktiviteter.

Eftersträvar att ha en jämn representation vid workshops och dialoger.
"""


def _events(ex: Extraction) -> list[Entity]:
    return [e for e in ex.entities if e.type is EntityType.EVENT]


def _of(ex: Extraction, rtype: RelationType, event: str) -> list[Relation]:
    return [r for r in ex.relations if r.type is rtype and event in (r.source, r.target)]


def _assert_evidence(ex: Extraction, text: str, event: str) -> None:
    rels = [r for r in ex.relations if event in (r.source, r.target)]
    assert rels
    for rel in rels:
        assert rel.evidence, rel
        for ev in rel.evidence:
            assert text[ev.start : ev.end] == ev.quote


def test_dates_in_swedish_forms() -> None:
    text = "den 29:a maj 2024, 29/5 2024, 2024-05-29 och 17-18 april"
    hits = find_dates(text)
    assert [(h.day, h.month, h.year) for h in hits] == [
        (29, 5, 2024),
        (29, 5, 2024),
        (29, 5, 2024),
        (17, 4, None),
    ]
    assert hits[0].iso() == "2024-05-29" and hits[3].iso() is None


def test_places_by_gazetteer() -> None:
    text = "Datum och plats: 26 september 2012, Hotell Lappland Lycksele"
    assert [p.place_id for p in find_places(text, 0, len(text))] == ["municipality:lycksele"]


def test_rus_dialogue_meeting() -> None:
    ex = extract_text_extraction(ALVSBYN, "alvsbyn")
    (event,) = _events(ex)
    assert event.attributes["date"] == "2024-05-29"
    assert event.attributes["place"] == "municipality:alvsbyn"
    assert "Myndighet" in event.attributes["description"]  # the participant categories
    assert "dialog" in event.name.lower()
    located = _of(ex, RelationType.LOCATED_IN, event.id)
    assert [r.target for r in located] == ["municipality:alvsbyn"]
    participants = {r.source for r in _of(ex, RelationType.PARTICIPANT_IN, event.id)}
    assert participants == {"org:region-norrbotten"}
    (part_of,) = _of(ex, RelationType.PART_OF, event.id)
    assert part_of.target.startswith("strategy:")
    mention = event.mentions[0]
    assert ALVSBYN[mention.start : mention.end] == "RUS-dialogen"
    _assert_evidence(ex, ALVSBYN, event.id)


def test_kickoff_with_programme() -> None:
    ex = extract_text_extraction(KICKOFF, "kickoff")
    (event,) = _events(ex)  # the announcement and the programme name one meeting
    assert event.attributes["date"] == "2012-09-26"  # the year from the programme line
    assert event.attributes["place"] == "municipality:lycksele"
    assert len(event.mentions) == 2
    (rel,) = _of(ex, RelationType.PARTICIPANT_IN, event.id)
    assert rel.source == "org:region-vasterbotten"
    assert any(ev.quote.startswith("10:00 Inledning av") for ev in rel.evidence)
    _assert_evidence(ex, KICKOFF, event.id)


def test_cue_without_date_is_no_event() -> None:
    assert event_hits(NO_DATE) == []
    assert _events(extract_text_extraction(NO_DATE, "nodate")) == []
