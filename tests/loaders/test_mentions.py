"""Organisation and place mentions: gazetteer, affixes, genitives, enumerations, acronyms."""

from __future__ import annotations

from loaders.mentions import (
    acronym_definitions,
    find_mentions,
    municipality_org_name,
    org_name_shape,
)


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


# --- reference lexicon, name patterns, enumerations and cues (real corpus excerpts) ---


def test_reference_lexicon_and_genitive() -> None:
    text = (
        "Ännu är det inte klart hur stor påverkan Northvolts problem kommer att ha. "
        "Att Bjurholms kommun, Umeå universitet och Norrmejerier drabbats av IT-attacker."
    )
    names = _names(text)
    assert "Northvolt" in names and "Norrmejerier" in names


def test_official_name_is_the_name_and_short_name_an_alias() -> None:
    text = (
        "nio statliga kulturmyndigheter däribland Statens kulturråd, Konstnärsnämnden "
        "och Sametinget."
    )
    found = {m.name: m for m in find_mentions(text, "Västerbottens län") if m.org_type != "place"}
    assert found["Statens kulturråd"].acronym == "Kulturrådet"
    assert {"Konstnärsnämnden", "Sametinget"} <= set(found)


def test_affix_patterns_for_associations_agencies_and_companies() -> None:
    text = (
        "Ett antal kommuner har tillsammans med Skolverket och Statens specialpedagogiska "
        "skolmyndighet genomfört ett utvecklingsarbete. Detta har skett i samarbete med "
        "Myndigheten för familjerätt och föräldraskapsstöd, samt en av länets större kommuner. "
        "vårens konflikt mellan arbetsgivare och Vårdförbundet som resulterat i. "
        "Research Institutes of Sweden (RISE) och SLU Holding i uppdrag att undersöka."
    )
    names = _names(text)
    for name in (
        "Statens specialpedagogiska skolmyndighet",
        "Myndigheten för familjerätt och föräldraskapsstöd",
        "Vårdförbundet",
        "SLU Holding",
    ):
        assert name in names
    assert not any(n.endswith("samt") for n in names)


def test_networks_ending_in_verket_are_not_agencies() -> None:
    assert _names("Direktörsnätverket samlar direktörer. Naturvårdsverket deltar.") == [
        "Naturvårdsverket"
    ]


def test_enumeration_with_a_known_member_names_the_others() -> None:
    text = (
        "Utöver Region Västerbotten deltar LRF, Skogstekniska klustret, Friluftsförbundet, "
        "Naturskyddsföreningen, Västerbottens museum, SCA, Norra Skog, Jägarnas riksförbund "
        "samt Samernas riksförbund."
    )
    names = _names(text)
    for name in ("Friluftsförbundet", "Västerbottens museum", "SCA", "Norra Skog"):
        assert name in names
    assert "Jägarnas riksförbund" in names and "Samernas riksförbund" in names
    assert not any("klustret" in n or n == "Skogstekniska" for n in names)


def test_enumeration_skips_places_and_keeps_compound_names() -> None:
    text = (
        "verksamhet med försäljning av drivmedel i Bygdsiljum, Skellefteå kommun och i "
        "Kusfors, Skellefteå kommun. I samverkan med Länsstyrelsen Västerbotten, "
        "Brottsoffermyndigheten, Funktionsrätt Västerbotten, Umeå kommun och Umeå tjej- och "
        "kvinnojour."
    )
    names = _names(text)
    assert "Bygdsiljum" not in names and "Kusfors" not in names
    assert "Funktionsrätt Västerbotten" in names
    assert "Umeå tjej- och kvinnojour" in names


def test_contact_lines_are_no_enumerations() -> None:
    text = "Anna Pettersson, regiondirektör, Region Västerbotten, 090-16 57 11, 070-397 68 84."
    assert _names(text) == ["Region Västerbotten"]


def test_agent_and_partner_cues_name_organisations() -> None:
    text = (
        "Umeå Filmfestival är Västerbottens största filmfestival. Den arrangeras av Folkets "
        "bio Umeå med finansiering av bland andra Film i Västerbotten. Arbetet genomfört med "
        "finansiering från DG Reform har inkluderat en analys. Samverkan sker också med "
        "inkubatorer som Piteå Go Business och Uminova Expression, samt med universiteten. "
        "I Tärnaby finns det samiska resurscentret Aiejlies som vårdar kulturarvet."
    )
    names = _names(text)
    for name in (
        "Folkets bio Umeå",
        "DG Reform",
        "Piteå Go Business",
        "Uminova Expression",
        "Aiejlies",
    ):
        assert name in names


def test_apposition_after_a_name() -> None:
    text = "ViiBIC\n\nBIC Factory, med säte i Umeå, har genom sitt innovativa projekt ViiBIC."
    assert "BIC Factory" in _names(text)


def test_acronym_defined_organisation_and_foreign_municipality() -> None:
    text = (
        "Unikt för Västerbotten är att det finns ett Glesmedicinskt centrum (GMC) i Storuman. "
        "EU-projektet Arts on Prescription som initierats och leds av Odense kommun i Danmark."
    )
    found = {m.name: m for m in find_mentions(text) if m.org_type != "place"}
    assert found["Glesmedicinskt centrum"].acronym == "GMC"
    assert "Odense kommun" in found
    assert "Västerbottens kommun" not in {m.name for m in find_mentions("i Västerbottens kommun")}


def test_org_name_shape_rejects_arena_names() -> None:
    assert org_name_shape("Funktionsrätt Västerbotten")
    assert not org_name_shape("Analytikernätverket")
    assert not org_name_shape("Directors Network")
    assert not org_name_shape("Arvidsjaur i Norrbotten")


def test_passive_agent_cue_and_people_with_titles() -> None:
    text = (
        "Nätverket startades 2021 av Luleå Business Region och Piteå Science Park. "
        "Workshop genomförd tillsammans med författaren Anna Nutti Wiandt samt Sara Ajnnak, "
        "artist och kompositör. Projektet finansieras av Europeiska regionala "
        "utvecklingsfonden och beslutades av Regionala Utvecklingsnämnden."
    )
    names = _names(text)
    assert "Luleå Business Region" in names and "Piteå Science Park" in names
    assert "Sara Ajnnak" not in names
    assert not any(n.startswith("Europeiska") or "nämnden" in n for n in names)


def test_county_branch_of_a_known_organisation() -> None:
    text = "ett långvarigt partnerskap med Länsstyrelsen Västerbotten och LRF Västerbotten."
    found = {m.name: m for m in find_mentions(text) if m.org_type != "place"}
    assert found["LRF Västerbotten"].acronym == "LRF"
