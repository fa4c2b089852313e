"""Membership and leadership stated in running prose (excerpts of bench/gold/dev4 and the
shapes around them): defining "är ett samarbete mellan …", "där … deltar", singular
anaphors ("universitetet", "föreningen"), defined organisations, coordinated works and
chairmanship. Each runs through the whole extraction pipeline."""

from __future__ import annotations

from extracttools import extract, related, works

from ontology.model import EntityType, RelationType

R = RelationType

STANDING = (
    "Destination Södra Lappland är ett samarbete om besöksnäringen mellan Lycksele\n"
    "kommun, Storumans kommun och Åsele kommun. Samarbetet har under flera år drivit\n"
    "gemensam marknadsföring.\n"
)


def test_a_lasting_samarbete_is_an_arena_whose_parties_are_members() -> None:
    x = extract(STANDING)
    assert works(x) == {"Destination Södra Lappland": EntityType.ARENA}
    assert related(x, R.MEMBER_OF) == {
        (org, "Destination Södra Lappland")
        for org in ("Lycksele kommun", "Storumans kommun", "Åsele kommun")
    }


def test_a_samarbete_without_lasting_cues_stays_a_project() -> None:
    x = extract("Testbädd Arktis är ett samarbete mellan IUC Norrbotten AB och Luleå kommun.\n")
    assert works(x) == {"Testbädd Arktis": EntityType.PROJECT}
    assert ("Luleå kommun", "Testbädd Arktis") in related(x, R.PARTNER_IN)


def test_a_definite_noun_after_om_does_not_block_the_parties() -> None:
    x = extract(
        "Kustforum Norr är ett forum om besöksnäringen mellan Luleå kommun och Piteå kommun.\n"
    )
    assert related(x, R.MEMBER_OF) == {
        ("Luleå kommun", "Kustforum Norr"),
        ("Piteå kommun", "Kustforum Norr"),
    }


def test_samverkan_compounds_with_a_place_name_an_arena() -> None:
    x = extract(
        "Myndighetssamverkan för norra Sverige, där Arbetsförmedlingen och Trafikverket\n"
        "deltar, har lämnat förslag.\n\n"
        "Region Norrbotten deltar i Analyssamverkan Norr och i Kompetensnätverk Norrbotten.\n"
    )
    assert set(works(x)) == {
        "Myndighetssamverkan för norra Sverige",
        "Analyssamverkan Norr",
        "Kompetensnätverk Norrbotten",
    }
    members = related(x, R.MEMBER_OF)
    assert ("Trafikverket", "Myndighetssamverkan för norra Sverige") in members
    # Coordinated works share the relation of the first.
    assert ("Region Norrbotten", "Analyssamverkan Norr") in members
    assert ("Region Norrbotten", "Kompetensnätverk Norrbotten") in members


def test_modal_delta_and_chairmanship() -> None:
    x = extract(
        "1. att Lycksele kommun även fortsättningsvis ska delta i samarbetet Region 10,\n\n"
        "Region 10 är ett samarbete mellan tio inlandskommuner. Ordförandeskapet innehas "
        "2024–2025 av Vilhelmina kommun, som även håller i samarbetets sekretariat.\n"
    )
    assert ("Lycksele kommun", "Region 10") in related(x, R.MEMBER_OF)
    assert ("Vilhelmina kommun", "Region 10") in related(x, R.LEADS)


def test_singular_anaphors_point_at_the_latest_body_of_their_kind() -> None:
    x = extract(
        "Under 2024 beviljades Luleå tekniska universitet medel för fyra projekt. Ett av dem\n"
        "är projektet C4SS, som samordnas av universitetet och genomförs i partnerskap med\n"
        "Luleå kommun och Boden Science Park.\n"
    )
    assert ("Luleå tekniska universitet", "C4SS") in related(x, R.LEADS)
    assert ("Boden Science Park", "C4SS") in related(x, R.PARTNER_IN)


def test_an_anaphor_after_a_place_preposition_is_the_area() -> None:
    x = extract(
        "Region Västerbotten har varit värd för mötet. Företagen i regionen deltar i\n"
        "Nätverket för hållbar industri.\n"
    )
    assert ("Region Västerbotten", "Nätverket för hållbar industri") not in related(x, R.MEMBER_OF)


def test_a_defined_association_is_an_organisation_its_anaphor_leads() -> None:
    x = extract(
        "Skogsriket är en ideell förening som verkar för skogsnäringens utveckling i\n"
        "inlandet. Föreningen har under året drivit projektet Skogens kompetenslyft, som\n"
        "finansieras av Skogsstyrelsen.\n"
    )
    orgs = {
        e.name: e.attributes.get("org_type") for e in x.entities if e.type.value == "Organisation"
    }
    assert orgs["Skogsriket"] == "civil_society"
    assert ("Skogsriket", "Skogens kompetenslyft") in related(x, R.LEADS)


def test_carried_out_together_makes_partners() -> None:
    x = extract(
        "Västerbottens museum har tillsammans med Skellefteå museum genomfört projektet\n"
        "Kulturarv i omställning, som dokumenterar industrietableringarna.\n"
    )
    assert related(x, R.PARTNER_IN) == {
        ("Västerbottens museum", "Kulturarv i omställning"),
        ("Skellefteå museum", "Kulturarv i omställning"),
    }
