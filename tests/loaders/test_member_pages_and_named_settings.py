"""Shapes of the fifth session's blind sets (dev23-dev29): member pages grouped by category,
rosters of minutes, numbered report sections, names of settings in running text, counted
projects, newsletters' own names, and the cues of ordinary membership prose."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from loaders.read import read_bytes
from ontology.model import EntityType, RelationType

MEMBER_PAGE = (
    "Hem | Om oss | Medlemmar | Kontakt\n\nOm oss\n\n"
    "Träbyggarna Norr är ett kluster för industriellt byggande i trä i Västerbotten.\n\n"
    "Medlemmar\n\nFöretag\n• Bäckströms Byggsystem AB\n• Nordträ Stomsystem AB\n\n"
    "Forskning och utbildning\n• Luleå tekniska universitet\n• Umeå universitet\n\n"
    "Arbetsgrupper\nMycket av arbetet sker i våra arbetsgrupper.\n"
)


def test_a_member_list_grouped_under_category_lines_belongs_to_the_page() -> None:
    x = extract(MEMBER_PAGE)
    members = related(x, RelationType.MEMBER_OF)
    for body in ("Nordträ Stomsystem AB", "Luleå tekniska universitet", "Umeå universitet"):
        assert (body, "Träbyggarna Norr") in members
    # The headings over the bullets are no organisations.
    assert not {"Medlemmar", "Företag", "Forskning"} & orgs(x)


def test_a_roster_person_role_body_names_the_members_not_the_people() -> None:
    x = extract(
        "PROTOKOLL\nNorrbottens utvecklingsråd\nSammanträdesdatum: 2026-11-12\n\n"
        "Närvarande ledamöter\nAnna Lindqvist (ordförande), Region Norrbotten\n"
        "Per Nyström, Luleå kommun\nSofia Pekkari, Länsstyrelsen Norrbotten\n\n"
        "Övriga närvarande\nLars Westerlund, sekreterare, Region Norrbotten\n"
    )
    members = related(x, RelationType.MEMBER_OF)
    assert ("Luleå kommun", "Norrbottens utvecklingsråd") in members
    assert ("Länsstyrelsen Norrbotten", "Norrbottens utvecklingsråd") in members
    assert "Anna Lindqvist" not in orgs(x) and "Per Nyström" not in orgs(x)


def test_a_numbered_section_closes_the_list_of_initiatives_and_the_area_above() -> None:
    x = extract(
        "4. Klimatomställning och hållbar energi\n\n4.1 Energi\n\n"
        "Arbetet samordnas i Energiarenan Västerbotten.\n\nAktuella Agenda 2030-mål\n"
        "- Mål 7 Hållbar energi för alla\n\nEtt urval av insatser\n"
        "- Fjärrvärmelyftet Inland, där sex inlandskommuner byter ut oljepannor. Projektet "
        "ägs av Lycksele kommun.\n- Arbete med energieffektivisering i små företag.\n\n"
        "4.2 Transporter och mobilitet\n\nKollektivtrafiken i inlandet är fortsatt svag.\n\n"
        "Aktuella Agenda 2030-mål\n- Mål 11 Hållbara städer och samhällen\n"
    )
    assert works(x).get("Fjärrvärmelyftet Inland") is EntityType.PROJECT
    assert "Transporter och mobilitet" not in works(x)
    goals = {
        (next(e.name for e in x.entities if e.id == r.source), r.target.rsplit(":", 1)[-1])
        for r in x.relations
        if r.type is RelationType.CONTRIBUTES_TO
    }
    assert ("Transporter och mobilitet", "11") in goals
    assert ("Energi", "11") not in goals


def test_settings_named_in_running_text() -> None:
    x = extract(
        "Stomgruppen samlar konstruktörer kring standarder. Gruppen leds av Nordträ Stomsystem "
        "AB.\n\nUnder forumet finns sedan 2025 Bioekonomiarenan, där skogsindustrin möts.\n\n"
        "Samarbetet fortsätter i Gränsälvens räddningsråd, som bildades i juni.\n\n"
        "Handlarna samverkar genom Piteå Citysamverkan, där kommunen ingår.\n\n"
        "Styrgruppen beslutar om budgeten. Hon sitter i Tillväxtverkets livsmedelsnätverk.\n"
    )
    found = works(x)
    for name in (
        "Stomgruppen",
        "Bioekonomiarenan",
        "Gränsälvens räddningsråd",
        "Piteå Citysamverkan",
    ):
        assert found.get(name) is EntityType.ARENA, name
    # A common noun and an organisation's own network are no named settings.
    assert "Styrgruppen" not in found and "Tillväxtverkets livsmedelsnätverk" not in found
    assert ("Nordträ Stomsystem AB", "Stomgruppen") in related(x, RelationType.LEADS)


def test_the_projects_a_sentence_counts_open_the_paragraphs_after_it() -> None:
    x = extract(
        "Två projekt startar direkt\nUnder rådet startar två projekt redan i januari.\n\n"
        "Kustvätgas Östrand är en förstudie om en elektrolysanläggning i Timrå.\n\n"
        "Vätgaslinjen E4 ska planera tankstationer för tunga fordon. Projektägare är "
        "Sundsvall Energi AB.\n\nGenomförandet har grund i strategin.\n"
    )
    found = works(x)
    assert found.get("Vätgaslinjen E4") is EntityType.PROJECT
    assert "Genomförandet" not in found
    assert ("Sundsvall Energi AB", "Vätgaslinjen E4") in related(x, RelationType.LEADS)


def test_a_newsletter_title_officials_and_one_off_fairs_are_no_works() -> None:
    x = extract(
        "GRÄNSNYTT\nNyhetsbrev från Fjällgränsrådet – Jämtland och Trøndelag\n\n"
        "Det var en kall morgon när Åseles kommunalråd Tomas Persson ringde.\n\n"
        "Yrkesmässan i Kalix lockade 900 elever\nÅrets yrkesmässa ordnades av Kalix kommun. "
        "Mässan var ett engångsarrangemang.\n"
    )
    found = works(x)
    assert "GRÄNSNYTT" not in found
    assert "Åseles kommunalråd" not in found
    assert "Yrkesmässan" not in found


def test_call_to_action_links_are_read_as_web_furniture() -> None:
    page = (
        "### Landsbygdsforum Jämtland Härjedalen\n\nLandsbygdsforum är länets mötesplats för "
        "landsbygdsutveckling.\n\n[Läs mer om Landsbygdsforum](/landsbygdsforum)\n\n"
        "[Till Gröna Jämtlands webbplats](https://example.org)\n"
    )
    source = read_bytes(page.encode(), "sida.txt")
    assert "Läs mer" not in source.text and "webbplats" not in source.text
    assert "Landsbygdsforum är länets mötesplats" in source.text


def test_ordinary_membership_prose() -> None:
    x = extract(
        "Fjällsamverkan Jämtland Härjedalen är ett nätverk för de fyra fjällkommunerna Bergs "
        "kommun, Härjedalens kommun, Krokoms kommun och Åre kommun.\n\n"
        "Mittnordenrådet är en politisk samverkan över riksgränsen mellan Region Jämtland "
        "Härjedalen, Region Västernorrland och Trøndelag fylkeskommune.\n\n"
        "Storsjönätverket är ett nätverk för näringslivsutvecklare. I nätverket ingår Östersunds "
        "kommun och Krokoms kommun, och sedan hösten 2026 även Bräcke kommun.\n\n"
        "Kraftsamverkan Umeåregionen är ett forum för elnät. Med från start är också Umeå "
        "Energi AB och Umeå universitet. Umeå kommun har sedan 2025 en plats i rådet.\n"
    )
    members = related(x, RelationType.MEMBER_OF)
    assert ("Åre kommun", "Fjällsamverkan Jämtland Härjedalen") in members
    assert ("Trøndelag fylkeskommune", "Mittnordenrådet") in members
    assert ("Bräcke kommun", "Storsjönätverket") in members
    assert ("Umeå universitet", "Kraftsamverkan Umeåregionen") in members


def test_partners_by_role_and_examples_after_a_count() -> None:
    x = extract(
        "Om projektet\n\nProjektet Timmerlyftet Siljan drivs av Leksands kommun, som är "
        "projektägare. Rättviks kommun och Mora kommun är delprojektägare. Högskolan Dalarna "
        "är forskningspartner. Hittills har 26 företag deltagit, bland dem Siljans Timmerhus AB "
        "och Orsa Limträ AB.\n"
    )
    partners = related(x, RelationType.PARTNER_IN)
    assert ("Mora kommun", "Timmerlyftet Siljan") in partners
    assert ("Högskolan Dalarna", "Timmerlyftet Siljan") in partners
    assert ("Rättviks kommun", "Timmerlyftet Siljan") not in related(x, RelationType.LEADS)
    assert ("Orsa Limträ AB", "Timmerlyftet Siljan") in related(x, RelationType.MEMBER_OF)


def test_legal_form_abbreviations_and_place_names_of_other_regions() -> None:
    x = extract(
        "Livsmedelsarenan Bergslagen samordnas av Örebro universitet, och där deltar ett "
        "fyrtiotal företag, bland andra Kumla Kvarn AB och Lantmännen ek för.\n\n"
        "Strategin styrs av S3-rådet Örebro län, som inrättades 2022.\n\n"
        "Kommunen är medlem i Vattenrådet Kalix-Töre, som samlar Kalix Älvdals Fiskeförening "
        "och Sveaskog.\n"
    )
    assert "Lantmännen ekonomisk förening" in orgs(x)
    assert "Kalix Älvdals Fiskeförening" in orgs(x)
    found = works(x)
    assert found.get("S3-rådet Örebro län") is EntityType.ARENA
    assert found.get("Vattenrådet Kalix-Töre") is EntityType.ARENA


def test_minutes_of_a_partnership_and_its_lettered_applications() -> None:
    x = extract(
        "PROTOKOLL\nRegionala tillväxtpartnerskapet Jämtland Härjedalen\n"
        "Sammanträde 2026-10-14\n\nNärvarande ledamöter\nAnna Berglund, Region Jämtland "
        "Härjedalen (ordförande)\nPer Olofsson, Östersunds kommun\n\n§ 3 Ansökningar\n"
        "Sekreteraren redogjorde för de två ansökningarna.\n\n"
        "a) Snöklimat Jämtland. Projektägare är Mittuniversitetet. Samarbetspartner är Åre "
        "kommun.\n\nb) Inlandsmat Härjedalen. Sökande är Härjedalens kommun.\n"
    )
    partnership = "Regionala tillväxtpartnerskapet Jämtland Härjedalen"
    assert works(x).get(partnership) is EntityType.ARENA
    assert ("Östersunds kommun", partnership) in related(x, RelationType.MEMBER_OF)
    assert works(x).get("Snöklimat Jämtland") is EntityType.PROJECT
    leads = related(x, RelationType.LEADS)
    assert ("Mittuniversitetet", "Snöklimat Jämtland") in leads
    assert ("Härjedalens kommun", "Inlandsmat Härjedalen") in leads


def test_a_cue_that_names_its_work_and_a_page_about_one_network() -> None:
    x = extract(
        "Pitekraft är ett energi- och industriråd för Piteåregionen.\n\nI dag undertecknades "
        "avsiktsförklaringen.\n\nParter i Pitekraft är Piteå kommun, PiteEnergi AB och Piteå "
        "Hamn AB.\n"
    )
    members = related(x, RelationType.MEMBER_OF)
    assert ("PiteEnergi AB", "Pitekraft") in members and ("Piteå kommun", "Pitekraft") in members


def test_a_dashed_title_subtitle_ends_at_its_verb_and_keeps_its_short_form() -> None:
    x = extract(
        "Nu startar Smakvägen, ett treårigt samarbete mellan fyra inlandskommuner.\n\n"
        "Projektet Smakvägen – mat och upplevelser längs Silvervägen pågår 2027–2029 och ägs "
        "av Arjeplogs kommun.\n"
    )
    found = works(x)
    assert "Smakvägen – mat och upplevelser längs Silvervägen" in found or "Smakvägen" in found
    assert not any("pågår" in name for name in found)
    assert set(found.values()) == {EntityType.PROJECT}
    owners = {target for _, target in related(x, RelationType.LEADS)}
    assert len(owners) == 1


def test_a_competence_centre_by_its_own_name_and_its_anaphor() -> None:
    x = extract(
        "Luleå tekniska universitet startar Kompetenscentrum Kallbygg i Skellefteå. Centret ska "
        "utveckla metoder för träbyggande. I centret ingår sex parter: RISE och Skellefteå "
        "kommun.\n"
    )
    assert works(x).get("Kompetenscentrum Kallbygg") is EntityType.ARENA
    assert ("RISE", "Kompetenscentrum Kallbygg") in related(x, RelationType.MEMBER_OF)
