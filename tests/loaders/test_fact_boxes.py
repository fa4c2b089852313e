"""Project pages: a fact box under a label ("Projektfakta", "Partners") belongs to the page's
own project; work-package numbers and the short form closing a description are no
organisations; "Projekt kopplade till plattformen" opens a project list."""

from __future__ import annotations

from extracttools import extract, orgs, related, works

from ontology.model import EntityType, RelationType

PAGE = (
    """Hem › Projekt › Matnav Södra Lappland

MATNAV SÖDRA LAPPLAND

Matnav Södra Lappland är ett treårigt projekt som ska göra det enklare för små producenter.

Projektfakta
Projektägare: Lappmarkens Matproducenter ekonomisk förening
Projektpartner: Vilhelmina kommun, Dorotea kommun och Inlandsfrakt i Lappland AB
Projektperiod: 2025-03-01 – 2027-12-31
Finansiärer: Länsstyrelsen Västerbotten (stöd ur den strategiska planen för den """
    """gemensamma jordbrukspolitiken, GJP), Region Västerbotten samt de tre partnerkommunerna

Bakgrund

Idén växte fram i förstudien Mat från fjällbygden, som föreningen genomförde 2023–2024.

AP1 Samlastning och logistik
Tillsammans med Inlandsfrakt i Lappland AB bygger vi upp fasta turer två gånger i veckan.
"""
)


def test_a_fact_box_label_is_no_project_and_its_fields_are_the_pages() -> None:
    x = extract(PAGE)
    assert "Projektfakta" not in works(x)
    project = "Matnav Södra Lappland"
    assert ("Lappmarkens Matproducenter ekonomisk förening", project) in related(
        x, RelationType.LEADS
    )
    assert ("Dorotea kommun", project) in related(x, RelationType.PARTNER_IN)
    funds = related(x, RelationType.FUNDS)
    assert {("Länsstyrelsen Västerbotten", project), ("Region Västerbotten", project)} <= funds


def test_work_package_and_description_acronym_are_no_organisations() -> None:
    assert not {"GJP", "AP1"} & orgs(extract(PAGE))


def test_a_sentence_case_title_goes_on_after_fran() -> None:
    assert works(extract(PAGE)).get("Mat från fjällbygden") is EntityType.PROJECT


def test_an_english_partners_heading_over_lead_partner_is_no_project() -> None:
    text = (
        "Home > Projects > Bothnian Bay Flavours\n\n# Bothnian Bay Flavours (BBF)\n\n"
        "Bothnian Bay Flavours (BBF) är ett gränsöverskridande projekt om mat och turism.\n\n"
        "## Partners\n\nLead partner:\n- Lapin ammattikorkeakoulu, Finland\n\n"
        "Partners in Sweden:\n- Kalix kommun\n"
    )
    x = extract(text)
    assert "Partners" not in works(x)
    assert ("Lapin ammattikorkeakoulu", "Bothnian Bay Flavours") in related(x, RelationType.LEADS)


def test_projects_linked_to_a_platform_form_a_list() -> None:
    text = (
        "Kompetenssamverkan Västerbotten\n\nPlattformen samlar länets aktörer.\n\n"
        "Projekt kopplade till plattformen\n\nValideringsbron Inland\n"
        "Ett samarbete mellan Lycksele kommun och Storumans kommun. Lycksele kommun är "
        "projektägare. Period: 2025–2027.\n"
    )
    x = extract(text)
    assert works(x).get("Valideringsbron Inland") is EntityType.PROJECT
    assert ("Lycksele kommun", "Valideringsbron Inland") in related(x, RelationType.LEADS)


def test_inline_fields_and_a_partner_in_a_list_item() -> None:
    text = (
        "Projekt kopplade till plattformen\n\nKompetenssäkrad omställning Västerbotten\n"
        "Projektet stöttar arbetsgivare. Projektägare: Region Västerbotten. Finansiering: "
        "Europeiska socialfonden+ via Svenska ESF-rådet samt Region Västerbotten.\n\n"
        "Yrkesväxling Norr (avslutat)\nFörstudie som genomfördes 2023–2024 av Företagarna "
        "Västerbotten tillsammans med Arbetsförmedlingen.\n"
    )
    x = extract(text)
    assert ("Svenska ESF-rådet", "Kompetenssäkrad omställning Västerbotten") in related(
        x, RelationType.FUNDS
    )
    assert ("Företagarna Västerbotten", "Yrkesväxling Norr") in related(x, RelationType.LEADS)
    assert ("Arbetsförmedlingen", "Yrkesväxling Norr") in related(x, RelationType.PARTNER_IN)


def test_an_english_county_council_is_a_body() -> None:
    x = extract("Members: Troms County Council and Finnmark County Council take part.\n")
    assert "Troms County Council" not in works(x)


def test_the_breadcrumb_names_the_page_project_written_in_capitals() -> None:
    text = (
        "Start / Projekt / TORBY – Tornedalsbyar i samverkan\n\n"
        "TORBY – TORNEDALSBYAR I SAMVERKAN\nLevande byar på båda sidor om älven\n\n"
        "Projektfakta\nProjektägare: Övertorneå kommun\n"
        "Partner: Ylitornion kunta, Tornedalens Byaförbund\n"
        "Finansiärer: Interreg Aurora (Europeiska unionen), Region Norrbotten, Lapin liitto\n"
    )
    x = extract(text)
    name = "TORBY – Tornedalsbyar i samverkan"
    assert works(x).get(name) is EntityType.PROJECT
    assert ("Övertorneå kommun", name) in related(x, RelationType.LEADS)
    assert ("Ylitornion kunta", name) in related(x, RelationType.PARTNER_IN)
    assert ("Lapin liitto", name) in related(x, RelationType.FUNDS)
