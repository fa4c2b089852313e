"""Organisation and place mentions: gazetteer, affixes, genitives, enumerations, acronyms."""

from __future__ import annotations

from loaders.mentions import acronym_definitions, find_mentions, municipality_org_name


def _names(text: str) -> list[str]:
    return [m.name for m in find_mentions(text, "Västerbottens län") if m.org_type != "place"]


def test_enumerated_municipalities_before_kommun() -> None:
    text = "digitaliseringschefer från Umeå och Skellefteå kommun samt Lystkoms förbundschefer."
    assert _names(text) == ["Umeå kommun", "Skellefteå kommun"]


def test_kommunerna_list_from_green_deal_page() -> None:
    text = "  • Kommunerna Boden, Gällivare, Kiruna, Luleå och Piteå"
    assert _names(text) == [
        "Bodens kommun",
        "Gällivare kommun",
        "Kiruna kommun",
        "Luleå kommun",
        "Piteå kommun",
    ]


def test_partnership_enumeration() -> None:
    text = (
        "Partnerskap mellan Region Västerbotten, Länsstyrelsen Västerbotten, Umeå universitet, "
        "Sveriges lantbruksuniversitet, RISE och Umeå kommun med fokus på innovation"
    )
    assert _names(text) == [
        "Region Västerbotten",
        "Länsstyrelsen Västerbotten",
        "Umeå universitet",
        "Sveriges lantbruksuniversitet",
        "RISE",
        "Umeå kommun",
    ]


def test_genitives_resolve_to_base_names() -> None:
    text = "Region Västerbottens bidrag. Tillväxtverkets nätverk för S3. Åseles kommun."
    assert _names(text) == ["Region Västerbotten", "Tillväxtverket", "Åsele kommun"]


def test_bare_places_including_genitive() -> None:
    places = [
        m.place_id
        for m in find_mentions("med Åsele som utgångspunkt och Skellefteås hamn")
        if m.org_type == "place"
    ]
    assert places == ["municipality:asele", "municipality:skelleftea"]


def test_bare_county_board_is_the_home_county() -> None:
    assert _names("Länsstyrelsen ansvarar för Gröna gruppen") == ["Länsstyrelsen Västerbotten"]


def test_municipality_org_names_follow_swedish_genitive() -> None:
    assert municipality_org_name("Boden") == "Bodens kommun"
    assert municipality_org_name("Umeå") == "Umeå kommun"
    assert municipality_org_name("Robertsfors") == "Robertsfors kommun"


def test_acronym_definitions() -> None:
    text = (
        "På nationell nivå deltar Region Västerbotten i nätverket Europaforum Norra Sverige "
        "(EFNS) arbetsgrupp. Luleå tekniska universitet (LTU) ansvarar."
    )
    defs = acronym_definitions(text)
    assert defs["EFNS"] == "Europaforum Norra Sverige"
    assert defs["LTU"] == "Luleå tekniska universitet"
