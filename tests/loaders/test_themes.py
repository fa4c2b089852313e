"""Themes from area names and the keyword lexicon."""

from __future__ import annotations

from loaders.themes import themes_of_name, themes_of_text


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
