"""A committee's grant names its project in the same sentence; "X är medfinansiär" speaks of
the project before it; a short form defined in mixed case ("Nenet") is the body's name too."""

from __future__ import annotations

from extracttools import extract, related

from ontology.model import RelationType

PRESS = """Pressmeddelande
Region Norrbotten

Region Norrbotten bildar ett råd. Region Norrbotten sammankallar.

Samtidigt har regionala utvecklingsnämnden beviljat 3,2 miljoner kronor till förstudien Flexibel effekt i Malmfälten (FLEXMAL). Projektägare är Luleå tekniska universitet. Energimyndigheten är medfinansiär med 1,8 miljoner kronor.

Även Energikontoret Norrbotten, som drivs av Norrbottens Energikontor AB (Nenet), medverkar. Nenet är sedan 2023 också värd för Vätgasnätverket Norrbotten.
"""  # noqa: E501


def test_the_granting_sentence_funds_the_project_it_names() -> None:
    funds = related(extract(PRESS), RelationType.FUNDS)
    assert ("Region Norrbotten", "Flexibel effekt i Malmfälten") in funds


def test_a_cofunder_sentence_points_back_at_the_project() -> None:
    funds = related(extract(PRESS), RelationType.FUNDS)
    assert ("Energimyndigheten", "Flexibel effekt i Malmfälten") in funds


def test_a_mixed_case_short_form_acts_for_its_body() -> None:
    leads = related(extract(PRESS), RelationType.LEADS)
    assert ("Norrbottens Energikontor AB", "Vätgasnätverket Norrbotten") in leads


def test_an_office_run_together_is_an_arena_and_a_past_study_has_its_owner() -> None:
    text = (
        "Om oss\n\nEU-kontoret Mittsverige är ett samarbete mellan Region Jämtland Härjedalen, "
        "Region Västernorrland och Region Gävleborg.\n\nProjektet bygger på förstudien "
        "Gränsbyar, som Tornedalens Byaförbund genomförde 2023–2024 med stöd från "
        "Länsstyrelsen Norrbotten.\n"
    )
    x = extract(text)
    assert ("Region Gävleborg", "EU-kontoret Mittsverige") in related(x, RelationType.MEMBER_OF)
    assert ("Tornedalens Byaförbund", "Gränsbyar") in related(x, RelationType.LEADS)


def test_a_new_clause_after_comma_och_and_foreign_towns() -> None:
    text = (
        "Arctic Food Routes – ett Interreg Aurora-projekt om matturism mellan Trondheim, "
        "Östersund och Vasa. Projektet leds av Trøndelag fylkeskommune, och Mittuniversitetet "
        "och Jämtland Härjedalen Turism är partner.\n"
    )
    x = extract(text)
    assert ("Mittuniversitetet", "Arctic Food Routes") not in related(x, RelationType.LEADS)
    assert ("Mittuniversitetet", "Arctic Food Routes") in related(x, RelationType.PARTNER_IN)
    assert ("Trøndelag fylkeskommune", "Arctic Food Routes") in related(x, RelationType.LEADS)
