"""Shapes of the fourth session's later blind sets (dev19, dev20): glosses after a dash, names
in a newsletter's items, a page titled in capitals, documents and one-off days among the items,
place names with a lower-case tail, and sentences that take a tie back ("som gäst men är inte
medlem")."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType


def test_a_name_in_another_language_after_a_dash_is_an_alias() -> None:
    x = extract(
        "Projektet Arktisk Laddkorridor har partner i tre länder.\n\nFinland\n"
        "• Lapin liitto – Regional Council of Lapland\n• Tornion kaupunki (Tornio stad)\n"
        "• Lapin ammattikorkeakoulu (Lapland UAS)\n"
    )
    assert "Lapin liitto" in orgs(x)
    assert "Regional Council of Lapland" not in orgs(x)


def test_a_label_then_the_name_after_an_interreg_cue() -> None:
    x = extract(
        "Nyheter.\n\nInterreg Aurora-projektet Barents Kylkedja ska korta transporterna av "
        "fisk. Lead partner är Lapin liitto.\n"
    )
    assert works(x).get("Barents Kylkedja") is EntityType.PROJECT
    assert ("Lapin liitto", "Barents Kylkedja") in related(x, RelationType.LEADS)


def test_a_forum_called_a_collaboration_is_an_arena_with_members() -> None:
    x = extract(
        "EU-forum Övre Norrland är ett samarbete där Region Norrbotten, Region Västerbotten och "
        "Umeå universitet är medlemmar.\n"
    )
    assert works(x).get("EU-forum Övre Norrland") is EntityType.ARENA
    members = related(x, RelationType.MEMBER_OF)
    assert ("Umeå universitet", "EU-forum Övre Norrland") in members


def test_compounds_that_open_a_sentence() -> None:
    x = extract(
        "Nyheter.\n\nEU-lotsnätverket Västerbotten samlar kommunernas EU-samordnare och samordnas "
        "av Region Västerbotten.\n\nVärmealliansen Malmfälten består av Gällivare kommun och "
        "LKAB.\n\nServicenätet Västerbottens inland startade i november.\n"
    )
    found = works(x)
    assert found.get("EU-lotsnätverket Västerbotten") is EntityType.ARENA
    assert found.get("Värmealliansen Malmfälten") is EntityType.ARENA
    assert found.get("Servicenätet Västerbottens inland") is EntityType.ARENA
    assert ("LKAB", "Värmealliansen Malmfälten") in related(x, RelationType.MEMBER_OF)


def test_a_press_releases_about_heading_is_no_part_of_a_name() -> None:
    x = extract("Om Gällivare Energi AB\nGällivare Energi AB levererar fjärrvärme.\n")
    assert "Gällivare Energi AB" in orgs(x)
    assert "Om Gällivare Energi AB" not in orgs(x)


def test_a_page_titled_in_capitals_and_its_member_list() -> None:
    text = (
        "KOMPETENSNYCKELN VÄSTERBOTTEN\n\nKompetensnyckeln Västerbotten är länets plattform för "
        "samverkan. Plattformen drivs av Region Västerbotten.\n\nMedlemmar\n"
        "Medlemmar i Kompetensnyckeln är i dag:\n• Arbetsförmedlingen\n• Umeå kommun\n"
    )
    members = related(extract(text), RelationType.MEMBER_OF)
    assert ("Umeå kommun", "Kompetensnyckeln Västerbotten") in members


def test_a_report_and_a_one_off_day_are_no_works() -> None:
    text = (
        "Projekt kopplade till plattformen\n\nOmställningslyftet Västerbotten\nProjektet ägs av "
        "Skellefteå kommun.\n\nArbetsmarknadsprognos Västerbotten 2035\nEn rapport som "
        "analysenheten tog fram under våren.\n\nMötesplatser\n\nNyckeldagen – plattformens "
        "årliga mötesplats hålls varje november och samlar 200 deltagare.\n\nFramtidsdagen i "
        "Lycksele 18 mars 2027 – en engångssatsning för gymnasieelever.\n"
    )
    found = works(extract(text))
    assert found.get("Omställningslyftet Västerbotten") is EntityType.PROJECT
    assert "Arbetsmarknadsprognos Västerbotten 2035" not in found
    assert "Nyckeldagen" in found
    assert not any(n.startswith("Framtidsdagen") for n in found)


def test_a_relative_clause_after_ett_projekt_som_is_no_list_of_names() -> None:
    x = extract(
        "Digitala Byakontor, ett projekt som Vindelns kommun äger och som finansieras gemensamt "
        "av Region Västerbotten och Länsstyrelsen Västerbotten, har förlängts.\n"
    )
    assert "Vindelns kommun äger" not in works(x)
    assert ("Region Västerbotten", "Digitala Byakontor") in related(x, RelationType.FUNDS)


def test_a_network_in_apposition_after_a_heading_line() -> None:
    x = extract(
        "Nya i Kustlänken\nKustlänken, länets nätverk för kustkommunernas näringslivsansvariga, "
        "har fått två nya medlemmar: Robertsfors kommun och Nordmalings kommun.\n"
    )
    assert works(x).get("Kustlänken") is EntityType.ARENA
    assert ("Robertsfors kommun", "Kustlänken") in related(x, RelationType.MEMBER_OF)


def test_a_headline_clause_after_a_dash_is_no_subtitle() -> None:
    x = extract(
        "Industrin bildar Symbiosforum – första projektet ska ge slagg nytt liv\n\nText.\n\n"
        "I projektet Laxfiske – framtidens besöksnäring, som Norrbottens Kommuner driver, deltar "
        "tre kommuner.\n"
    )
    found = works(x)
    assert not any("första projektet" in n for n in found)
    assert "Laxfiske – framtidens besöksnäring" in found


def test_a_knowledge_partner_of_a_forum_and_a_guest() -> None:
    x = extract(
        "Symbiosforum Luleå–Boden är ett forum för restflöden. Forumet leds av Luleå kommun. "
        "Luleå tekniska universitet deltar som kunskapspartner i forumet. Kaunis Iron AB har "
        "deltagit i två möten i forumet som gäst men är inte medlem.\n"
    )
    partners = related(x, RelationType.PARTNER_IN)
    assert ("Luleå tekniska universitet", "Symbiosforum Luleå–Boden") in partners
    members = related(x, RelationType.MEMBER_OF)
    assert ("Kaunis Iron AB", "Symbiosforum Luleå–Boden") not in members


def test_funding_stated_as_where_the_money_comes_from() -> None:
    x = extract(
        "Energipartnerskapet Jämtland är länets forum för energi. Partnerskapets "
        "grundfinansiering kommer från Region Jämtland Härjedalen och Energimyndigheten. "
        "Förstudien Restvärme Malmfälten genomfördes av Gällivare Energi AB. Förstudien "
        "finansierades av Tillväxtverket.\n"
    )
    funds = related(x, RelationType.FUNDS)
    assert ("Energimyndigheten", "Energipartnerskapet Jämtland") in funds
    assert ("Tillväxtverket", "Restvärme Malmfälten") in funds


def test_a_working_group_named_in_lower_case_after_its_noun() -> None:
    x = extract(
        "Under partnerskapet finns arbetsgruppen Elnät och effekt, som leds av Mittuniversitetet. "
        "I gruppen ingår även Jämtkraft AB och Ellevio AB.\n"
    )
    assert works(x).get("Elnät och effekt") is EntityType.ARENA
    assert ("Ellevio AB", "Elnät och effekt") in related(x, RelationType.MEMBER_OF)


def test_an_owner_who_has_also_been_granted_money_through_a_body() -> None:
    x = extract(
        "Projektet Snabbspår Malmfälten ägs av Kiruna kommun och har fått 6,2 miljoner kronor "
        "från Europeiska socialfonden+ via Svenska ESF-rådet.\n"
    )
    leads = related(x, RelationType.LEADS)
    assert ("Kiruna kommun", "Snabbspår Malmfälten") in leads
    assert ("Svenska ESF-rådet", "Snabbspår Malmfälten") not in leads


def test_a_bold_run_in_title_called_by_its_kind() -> None:
    x = extract(
        "**Batteriforum Skelleftedalen.** Forumet sammankallas av Skellefteå kommun. I forumet "
        "deltar Skellefteå Kraft AB och Boliden Mineral AB.\n"
    )
    assert works(x).get("Batteriforum Skelleftedalen") is EntityType.ARENA
    assert ("Skellefteå kommun", "Batteriforum Skelleftedalen") in related(x, RelationType.LEADS)


def test_a_project_page_titled_in_capitals_with_an_english_gloss() -> None:
    text = (
        "Svenska | English\n\nMATNODER LAPPLAND\nLapland Food Hubs\n\nOm projektet\nMatnoder "
        "Lappland bygger upp tre matnoder.\n\nProjektägare: Hushållningssällskapet "
        "Norrbotten-Västerbotten\nSamverkansparter: Arjeplogs kommun, Arvidsjaurs kommun\n\n"
        "Partners: Arjeplog Municipality and Arvidsjaur Municipality.\n"
    )
    x = extract(text)
    assert works(x).get("Matnoder Lappland") is EntityType.PROJECT
    partners = related(x, RelationType.PARTNER_IN)
    assert ("Arjeplogs kommun", "Matnoder Lappland") in partners
    assert "Arjeplog Municipality" not in orgs(x)


def test_a_granting_sentence_that_counts_the_projects_in_the_table_below() -> None:
    text = (
        "Under 2025 beviljade Region Västernorrland medel till två nya projekt inom programmet.\n\n"
        "Projekt              Projektägare         Partner              tkr\n"
        "Virkesdigital        Mittuniversitetet    SCA Skog AB          3 200\n"
        "Höga Kusten\n"
        "Yrkesbryggan         Kramfors kommun      Arbetsförmedlingen   1 400\n"
        "Kramfors\n"
    )
    x = extract(text)
    funds = related(x, RelationType.FUNDS)
    assert ("Region Västernorrland", "Virkesdigital Höga Kusten") in funds
    assert ("Region Västernorrland", "Yrkesbryggan Kramfors") in funds


def test_role_nouns_before_their_bodies_and_seats_at_a_table() -> None:
    x = extract(
        "Energibordet Malmfälten är en stående samverkansgrupp för effekt och nät. Vid bordet "
        "sitter Kiruna kommun och Gällivare kommun. Energibordet sammankallas av Kiruna kommun.\n\n"
        "Projektet Flexnät Malmberget genomförs i regi av Gällivare Energi AB. Huvudfinansiär är "
        "Energimyndigheten.\n"
    )
    assert ("Gällivare kommun", "Energibordet Malmfälten") in related(x, RelationType.MEMBER_OF)
    assert ("Kiruna kommun", "Energibordet Malmfälten") in related(x, RelationType.LEADS)
    assert ("Energimyndigheten", "Flexnät Malmberget") in related(x, RelationType.FUNDS)
