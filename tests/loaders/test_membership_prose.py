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


def test_a_municipal_report_calls_its_municipality_kommunen() -> None:
    x = extract(
        "Härnösands kommun – Årsredovisning 2024     45\n\n"
        "Härnösands kommun samverkar med många. Kramfors kommun är grannkommun.\n\n"
        "Kommunen deltar i Höga Kusten-samverkan tillsammans med Kramfors kommun.\n\n"
        "Härnösandshus AB och Härnösand Energi AB ägs av kommunen. Trygghetsrådet i Härnösand\n"
        "möts årligen.\n"
    )
    assert ("Härnösands kommun", "Höga Kusten-samverkan") in related(x, R.MEMBER_OF)


def test_negated_and_hypothetical_cues_state_no_relation() -> None:
    x = extract(
        "Region Västerbotten har under 2024 inte deltagit i Kustlandsnätverket Bottniska viken.\n\n"
        "Umeå kommun skulle gärna delta i Nätverket för hållbar industri.\n\n"
        "Luleå kommun deltar i Kustforum Norr.\n"
    )
    members = related(x, R.MEMBER_OF)
    assert ("Luleå kommun", "Kustforum Norr") in members
    assert not {org for org, _ in members} & {"Region Västerbotten", "Umeå kommun"}


def test_a_member_table_under_a_member_heading() -> None:
    x = extract(
        "## 3.1 Leaderområdet\n\n"
        "Leader Skogslandet är ett lokalt partnerskap mellan offentlig och ideell sektor.\n\n"
        "## 3.2 Partnerskapets medlemmar\n\n"
        "Följande organisationer har undertecknat partnerskapsavtalet.\n\n"
        "| Offentlig sektor | Ideell sektor |\n"
        "|---|---|\n"
        "| Bjurholms kommun | Hällnäs byaförening |\n"
        "| Vindelns kommun | Tvärålunds byalag |\n"
    )
    assert works(x) == {"Leader Skogslandet": EntityType.ARENA}
    assert {org for org, _ in related(x, R.MEMBER_OF)} >= {"Bjurholms kommun", "Vindelns kommun"}


def test_a_committee_grant_is_the_documents_regions() -> None:
    x = extract(
        "# Regionala utvecklingsnämnden – beslutslista\n\n"
        "**Region Jämtland Härjedalen**\n\n"
        "Regionala utvecklingsnämnden beslutar att bevilja medel enligt punkterna nedan. "
        "Region Jämtland Härjedalen har berett ärendena. Beslutet gäller Region Jämtland "
        "Härjedalen.\n\n"
        "### 1.1 Fjällbyarnas service 2.0\n\n"
        "Projektet Fjällbyarnas service 2.0, med Bergs kommun som projektägare, beviljas "
        "1 450 000 kronor.\n"
    )
    assert ("Region Jämtland Härjedalen", "Fjällbyarnas service 2.0") in related(x, R.FUNDS)
    assert ("Bergs kommun", "Fjällbyarnas service 2.0") in related(x, R.LEADS)


def test_set_off_titles_in_bullets_name_works() -> None:
    x = extract(
        "- *Digitala byar* – fiber i sex byar. Projektägare var Tvärålunds byalag.\n"
        "- **Arbetsgrupp Unga i Skogslandet** sammankallas av Vännäs kommun.\n\n"
        "– Reindeer and Roads in the North (REINROAD). Projektet leds av Trafikverket.\n"
    )
    assert works(x) == {
        "Digitala byar": EntityType.PROJECT,
        "Arbetsgrupp Unga i Skogslandet": EntityType.ARENA,
        "Reindeer and Roads in the North": EntityType.PROJECT,
    }
    assert ("Trafikverket", "Reindeer and Roads in the North") in related(x, R.LEADS)


def test_places_close_names_and_leader_areas_are_arenas() -> None:
    x = extract(
        "Region Jämtland Härjedalen är sammankallande i Skogsnäringsrådet Jämtland Härjedalen.\n"
        "Företag samlas i Bioekonomiklustret Höga Kusten. Leader Skogslandet samarbetar med "
        "Leader Pohjoisin Lappi i Finland.\n"
    )
    assert set(works(x)) >= {
        "Skogsnäringsrådet Jämtland Härjedalen",
        "Bioekonomiklustret Höga Kusten",
        "Leader Pohjoisin Lappi",
    }


def test_a_member_list_after_a_lead_in_naming_the_work() -> None:
    x = extract(
        "Solenergi Norr är ett öppet nätverk för företag.\n\n"
        "Följande organisationer är medlemmar i Solenergi Norr (november 2025):\n\n"
        "- Luleå kommun\n- Piteå kommun\n\n"
        "Bodens kommun och Kalix kommun är medlemmar i Solenergi Norr.\n"
    )
    assert {org for org, _ in related(x, R.MEMBER_OF)} == {
        "Luleå kommun",
        "Piteå kommun",
        "Bodens kommun",
        "Kalix kommun",
    }


def test_recurring_events_and_thematic_groups_are_arenas() -> None:
    x = extract(
        "Vi träffas varje år i samband med konferensen Solelsdagen Norr. Piteå kommun "
        "arrangerade Bioekonomiveckan i Örnsköldsvik för tredje året.\n\n"
        "### Tematiska grupper\n\n"
        "**Solel på lantbruk** – gruppen samlar lantbrukare. Gruppen samordnas av LRF Norrbotten.\n"
    )
    assert {"Solelsdagen Norr", "Bioekonomiveckan", "Solel på lantbruk"} <= set(works(x))
    assert ("LRF Norrbotten", "Solel på lantbruk") in related(x, R.LEADS)


def test_a_one_off_event_is_no_arena() -> None:
    x = extract(
        "Regionen deltog i Almedalsveckan 2026. Innovationsveckan i Umeå samlade 300 besökare.\n"
    )
    assert works(x) == {}


PROJECT_PAGE = """Startsida > Regional utveckling > Projekt > Botnia Klimatomställning

Botnia Klimatomställning – Green Transition Botnia

Botnia Klimatomställning är ett treårigt projekt för kommuner och företag i Västerbotten.

Projektet bygger vidare på förstudien Grön omställning Västerbotten, som Region
Västerbotten genomförde under 2022.

Projektet ägs och leds av Region Västerbotten. Partner är:

* Umeå universitet
* Vindelns kommun

Offentlig medfinansiering: Region Västerbotten och Skellefteå kommun.
"""


def test_on_a_project_page_projektet_is_the_page_subject() -> None:
    x = extract(PROJECT_PAGE)
    subject = "Botnia Klimatomställning"
    assert ("Region Västerbotten", subject) in related(x, R.LEADS)
    assert {("Umeå universitet", subject), ("Vindelns kommun", subject)} <= related(x, R.PARTNER_IN)
    assert ("Skellefteå kommun", subject) in related(x, R.FUNDS)


def test_a_municipality_anaphor_only_as_subject_or_agent() -> None:
    x = extract(
        "Lycksele kommun är projektägare för Servicepunkt Inland. Lycksele kommun leder "
        "arbetet. Lycksele kommun har utsett en projektledare.\n\n"
        "Vilka orter som kommer med i Servicepunkt Inland bestäms i dialog mellan kommunen "
        "och de lokala aktörerna.\n"
    )
    assert ("Lycksele kommun", "Servicepunkt Inland") not in related(x, R.PARTNER_IN)


def test_compounds_appositions_and_place_titles_name_arenas() -> None:
    x = extract(
        "Rymdnätverket Norrbotten presenterades av Swedish Space Corporation. Nätverket samlar "
        "Kiruna kommun.\n\n"
        "Kulturrådet samordnas av Region Norrbotten. Tornedalsrådet, ett gränsöverskridande "
        "samarbetsorgan för kommunerna i Tornedalen, träffas årligen.\n\n"
        "Skogsstyrelsen berättade om samrådsforumet Skog och ren i södra Lappland, där "
        "samebyar deltar. Folkhälsa hanteras i Folkhälsopartnerskapet Norrbotten, där Region "
        "Norrbotten och Länsstyrelsen Norrbotten är parter.\n"
    )
    assert {
        "Rymdnätverket Norrbotten",
        "Tornedalsrådet",
        "Skog och ren i södra Lappland",
        "Folkhälsopartnerskapet Norrbotten",
    } <= set(works(x))
    members = related(x, R.MEMBER_OF)
    assert ("Kiruna kommun", "Rymdnätverket Norrbotten") in members
    assert ("Region Norrbotten", "Folkhälsopartnerskapet Norrbotten") in members


ANNUAL_REPORT = """Kommunförbundet Västernorrland
Årsredovisning 2024

3.2 Året som gått

Förbundet deltar i Samverkansrådet Västernorrland, där kommunerna möts.

Inom utbildningsområdet driver vi tillsammans med Region Västernorrland Kompetensplattform
Västernorrland. Projektet Vårdnära service ägs av Kramfors kommun, och förbundet är
samverkanspart.

3.4 Representation i externa organ

| Organ                                   | Huvudman              | Period    |
|-----------------------------------------|-----------------------|-----------|
| Partnerskapet för Mellersta Norrland    | Tillväxtverket        | 2021–2027 |
| Mittnorden-kommittén (observatör)       | Region Jämtland Härjedalen | 2024–2025 |
"""


def test_a_report_in_the_first_person_is_by_its_title_organisation() -> None:
    x = extract(ANNUAL_REPORT)
    author = "Kommunförbundet Västernorrland"
    assert (author, "Samverkansrådet Västernorrland") in related(x, R.MEMBER_OF)
    assert (author, "Vårdnära service") in related(x, R.PARTNER_IN)


def test_a_markdown_table_of_bodies_and_their_principals() -> None:
    x = extract(ANNUAL_REPORT)
    leads = related(x, R.LEADS)
    assert ("Tillväxtverket", "Partnerskapet för Mellersta Norrland") in leads
    assert ("Region Jämtland Härjedalen", "Mittnorden-kommittén") in leads
