"""Organisations found by the shape of their name (patterns/organisations.toml).

Positive excerpts are copied from bench/gold/dev2 texts and the corpus; the negative
sentences show where each rule stops (a generic phrase, a town, a role board).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.mentions import find_mentions
from loaders.pipeline import ExtractOptions, extract
from ontology.model import EntityType

# bench/gold/dev2/vasterbotten-nyhetsbrev-norr-november.txt, items 2 and 4.
FOOD_ROUTE = (
    "Projektet har beviljats närmare 1,8 miljoner euro från Interreg Aurora och leds av "
    "Lapplands yrkeshögskola (Lapin ammattikorkeakoulu) i Rovaniemi. På svenska sidan deltar "
    "Pajala kommun, Övertorneå kommun och Haparanda stad som partner. "
    "Hushållningssällskapet Norrbotten-Västerbotten och Eldrimner – nationellt centrum för "
    "småskalig livsmedelsförädling bidrar med rådgivning till producenterna."
)
SAMEBY = (
    "Vilhelmina norra sameby och vindkraftsbolaget Fjällvind Sverige AB har inlett ett "
    "samarbete om hur vindkraftsparker kan planeras med mindre påverkan på renskötseln."
)
# bench/gold/dev2/norrbotten-protokoll-utvecklingsnamnden.txt.
TOURISM_COUNCIL = (
    "**Arctic Tourism Council:** Nämnden informerades om att Region Norrbotten från och med "
    "2026 lämnar sin plats i Arctic Tourism Council, där Swedish Lapland Visitors Board och "
    "Visit Finnish Lapland fortsatt är medlemmar."
)
DELEGATION = (
    "Följande delegationsbeslut anmäldes: beslut om stöd till Norrbottens läns "
    "hemslöjdsförbund för verksamhetsåret 2026, beslut om deltagande i Tillväxtverkets "
    "nationella nätverk för regionala utvecklingsfrågor."
)
CHAMBER = "Frågan om en ny medlem i nätverket, Norrbottens Handelskammare, tas upp på nästa möte."
# bench/gold/dev2/norrbotten-pressmeddelande-vatgaskorridor.txt.
TORNEA = (
    "Samarbetet har också kontakt med Torneå stad och det finska nätverket Hydrogen Valley "
    "Lapland, som arbetar för en motsvarande utbyggnad på den finska sidan."
)
# bench/gold/dev2/vasterbotten-natverkssida-fjallturism.txt.
JHT = (
    "Rådet samverkar med Jämtland Härjedalen Turism och med motsvarande nätverk i Norrbotten, "
    "Turistrådet Swedish Lapland, i frågor om marknadsföring och gemensam statistik."
)
# data/corpus/vasterbotten-resultat-2024.txt: a name that goes on after its head word.
LITHUANIA = (
    "Nätverket samlar nio regioner (Region Västerbotten, Council of Oulu Region, Southwest "
    "Finland, Regional Council of Lapland, Brandenburg Economic Development, Agency Innovation "
    "Agency Lithuania, Region Norrbotten, Warmia-Mazury Marshall Office, Regional Council of "
    "Tampere) för att påverka EU:s politik."
)


def _orgs(text: str) -> dict[str, str]:
    """Organisation name → org type (places left out)."""
    return {
        m.name: m.org_type for m in find_mentions(text, "Norrbottens län") if m.org_type != "place"
    }


def test_genitive_place_and_compound_head() -> None:
    orgs = _orgs(FOOD_ROUTE) | _orgs(DELEGATION) | _orgs(CHAMBER)
    assert orgs["Lapplands yrkeshögskola"] == "university"
    assert orgs["Norrbottens läns hemslöjdsförbund"] == "civil_society"
    assert orgs["Norrbottens Handelskammare"] == "civil_society"


def test_society_with_a_hyphenated_pair_of_counties() -> None:
    orgs = _orgs(FOOD_ROUTE)
    assert "Hushållningssällskapet Norrbotten-Västerbotten" in orgs
    assert "Hushållningssällskapet" not in orgs


def test_municipality_styled_stad_is_a_municipality_with_its_seat() -> None:
    haparanda = [m for m in find_mentions(FOOD_ROUTE) if m.surface == "Haparanda stad"]
    assert [(m.name, m.org_type, m.place_id) for m in haparanda] == [
        ("Haparanda kommun", "municipality", "municipality:haparanda")
    ]


def test_foreign_town_mid_sentence_is_a_municipality() -> None:
    assert _orgs(TORNEA).get("Torneå stad") == "municipality"


def test_sameby_is_a_body() -> None:
    assert _orgs(SAMEBY)["Vilhelmina norra sameby"] == "civil_society"


def test_english_board_and_destination_company_but_not_the_council() -> None:
    orgs = _orgs(TOURISM_COUNCIL)
    assert {"Swedish Lapland Visitors Board", "Visit Finnish Lapland"} <= set(orgs)
    assert not any("Council" in name for name in orgs)


def test_county_name_and_turism_is_a_destination_company() -> None:
    assert "Jämtland Härjedalen Turism" in _orgs(JHT)


def test_english_name_that_goes_on_after_its_head_is_not_cut() -> None:
    assert not any(name.endswith("Agency") for name in _orgs(LITHUANIA))


@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        ("Varje sameby har ett eget betesområde.", "Varje sameby"),
        ("Sveriges universitet och högskolor samverkar.", "Sveriges universitet"),
        ("Kommunens förening träffas i maj.", "Kommunens förening"),
        ("Detaljplanen gäller i Kiruna stad.", "Kiruna stad"),
        ("Arbetet inom Hållbar stad ger en hållbar stadsmiljö.", "Hållbar stad"),
        ("Projektet har ett Advisory Board med sex ledamöter.", "Advisory Board"),
        ("Inom Region Västerbotten Turism finns en enhet.", "Västerbotten Turism"),
        ("Enligt Fjällvind Sverige AB är planen klar.", "Enligt Fjällvind Sverige AB"),
    ],
)
def test_generic_phrases_towns_and_role_boards_are_no_organisations(
    sentence: str, wrong: str
) -> None:
    assert wrong not in _orgs(sentence)


@pytest.fixture(scope="module")
def newsletter_entities(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path: Path = tmp_path_factory.mktemp("dev2") / "nyhetsbrev.txt"
    path.write_text(
        "Nyhetsbrev Norr\n\n" + FOOD_ROUTE + "\n\n" + SAMEBY + "\n\n" + TOURISM_COUNCIL + "\n",
        encoding="utf-8",
    )
    result = extract([path], ExtractOptions(workers=1, apply_curation=False))
    assert not result.errors
    return {
        e.name: str(e.attributes.get("org_type"))
        for e in result.extraction.entities
        if e.type is EntityType.ORGANISATION
    }


def test_pipeline_keeps_the_shaped_organisations(newsletter_entities: dict[str, str]) -> None:
    assert {
        "Lapplands yrkeshögskola",
        "Haparanda kommun",
        "Hushållningssällskapet Norrbotten-Västerbotten",
        "Vilhelmina norra sameby",
        "Fjällvind Sverige AB",
        "Swedish Lapland Visitors Board",
        "Visit Finnish Lapland",
    } <= set(newsletter_entities)
    assert "Arctic Tourism Council" not in newsletter_entities
