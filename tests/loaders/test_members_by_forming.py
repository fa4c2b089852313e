"""Members who form a setting ("A, B och C bildar X", "har skrivit under … om att bilda X"),
a label line over a list of member municipalities, verb-second after "Varje år …", and a
university's holding company."""

from __future__ import annotations

from extracttools import extract, orgs, related

from ontology.model import RelationType


def test_bodies_that_form_a_setting_are_its_members() -> None:
    x = extract(
        "Region Jämtland Härjedalen, Östersunds kommun och Jämtkraft AB bildar Industrins "
        "elråd Jämtland, en långsiktig samverkan.\n"
    )
    members = related(x, RelationType.MEMBER_OF)
    assert ("Jämtkraft AB", "Industrins elråd Jämtland") in members
    assert ("Östersunds kommun", "Industrins elråd Jämtland") in members


def test_a_label_line_over_member_municipalities() -> None:
    text = (
        "Kompetenssamverkan Västerbotten\n\nKompetenssamverkan Västerbotten är länets "
        "regionala kompetensplattform.\n\nMedlemskommuner\nBjurholms kommun, Dorotea kommun "
        "och Åsele kommun.\n"
    )
    x = extract(text)
    members = {o for o, w in related(x, RelationType.MEMBER_OF)}
    assert {"Bjurholms kommun", "Dorotea kommun", "Åsele kommun"} <= members
    assert "Medlemskommuner" not in orgs(x)


def test_verb_second_after_a_time_adverbial() -> None:
    x = extract(
        "Varje år i november arrangerar Region Västerbotten och Västerbottens Kommunförbund "
        "Kompetensdagen Västerbotten, länets största mötesplats för kompetensförsörjning.\n"
    )
    leads = related(x, RelationType.LEADS)
    assert ("Region Västerbotten", "Kompetensdagen Västerbotten") in leads


def test_a_universitys_holding_company() -> None:
    x = extract("Holding-bolaget Umeå universitet Holding AB tar ägarandelar i nya bolag.\n")
    assert "Umeå universitet Holding AB" in orgs(x)
    assert "Holding AB" not in orgs(x)
