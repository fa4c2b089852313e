"""Themes from area names and the keyword lexicon."""

from __future__ import annotations

from loaders.themes import (
    keyword_hits,
    themes_of_name,
    themes_of_section,
    themes_of_text,
    themes_with_evidence,
)


def test_area_names_map_to_themes() -> None:
    assert themes_of_name("Energi") == ["theme:energi"]
    assert "theme:digitalisering" in themes_of_name("Digitalisering - digital kommunikation")
    assert themes_of_name("Besöksnäring och turism") == ["theme:besoksnaring"]


def test_lexicon_needs_evidence_in_text() -> None:
    text = (
        "Samarbetsplattformen arbetar med elnät, vätgas och energisystem i norra Sverige "
        "för att möta effektbrist och elektrifiering av industrin i regionen." * 3
    )
    hits = themes_of_text(text)
    themes = [t for t, _, _ in hits]
    assert "theme:energi" in themes
    _theme, start, end = next(h for h in hits if h[0] == "theme:energi")
    assert text[start:end].lower().startswith(("el", "vätgas", "energi"))


def test_false_friends_are_no_evidence() -> None:
    # vasterbotten-resultat-2024: "konstatera" is not art, "interregionalt" not the EU.
    text = "Vi kan konstatera att Kultur i Norr är ett interregionalt samarbete."
    hits = keyword_hits(text)
    assert "theme:internationellt-eu" not in hits
    assert hits["theme:kultur"] == [(text.index("Kultur"), text.index("Kultur") + 6)]


def test_innermost_theme_heading_of_a_section_path_wins() -> None:
    path = (
        "Västerbotten – En region rik på kompetenser",
        "Region Västerbottens bidrag",
        "Energi",
    )
    assert themes_of_section(path) == (["theme:energi"], 2)
    assert themes_of_section(("Regionala utvecklingsuppdraget", "Samverkan")) == ([], -1)


def test_sentence_evidence_needs_two_hits_outside_organisation_names() -> None:
    text = (
        "Inom projektet HOME ligger fokus på vätgas och cirkularitet i Västerbottens "
        "metallindustri. Bland annat tas scenarier för vätgasens utveckling fram."
    )
    first = (0, text.index(" Bland"))
    second = (first[1] + 1, len(text))
    assert "theme:energi" not in themes_with_evidence(text, [first])  # one hit only
    found = themes_with_evidence(text, [first, second])
    assert found["theme:energi"] == first  # evidence: the sentence with the first hit


def test_keywords_inside_organisation_names_do_not_count() -> None:
    text = "Marskonferensen arrangeras med Sveriges lantbruksuniversitet och Jordbruksverket."
    whole = [(0, len(text))]
    assert "theme:livsmedel" in themes_with_evidence(text, whole)
    orgs = [(text.index("Sveriges"), text.index(" och J")), (text.index("Jord"), len(text) - 1)]
    assert "theme:livsmedel" not in themes_with_evidence(text, whole, exclude=orgs)
