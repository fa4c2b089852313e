"""Cleaning of PDF artefacts on real corpus excerpts; offsets always map back exactly."""

from __future__ import annotations

from loaders.clean import clean_text

# Real artefacts from data/corpus/vasterbotten-resultat-2024.txt.
WORD_SPLIT = (
    "Mål 9: Hållbar industri, innovation och infrastrukt\n\nur\n\n"
    "Region Västerbotten bidrar till hållbar infrastruktur.\n"
)
HYPHEN_SPLIT = (
    "Det är ut-\n\nmaningar och kriser som byggts upp under lång tid. Stora utmaningar väntar.\n"
)
SENTENCE_SPLIT = (
    "Ett nationellt nätverk för myndigheter och regioner\n\n\n\nFoto: Anna-Karin Drugge\n\n"
    "med avseende kunskapsutbyte och samverkan.\n"
)
TOC = "Innehållsförteckning\n\nÖversikt över rapporten\t5\nOmvärldsanalys.....\t8\n\n12\n\nText.\n"


def _roundtrip(original: str) -> None:
    c = clean_text(original)
    for i, ch in enumerate(c.text):
        s, e = c.span(i, i + 1)
        if ch not in " \n":
            assert original[s:e] == ch


def test_word_split_by_page_break_is_joined() -> None:
    c = clean_text(WORD_SPLIT)
    assert "infrastruktur\n" in c.text
    start = c.text.index("infrastruktur")
    s, e = c.span(start, start + len("infrastruktur"))
    assert WORD_SPLIT[s:e] == "infrastrukt\n\nur"
    _roundtrip(WORD_SPLIT)


def test_hyphenated_word_is_joined_without_hyphen() -> None:
    c = clean_text(HYPHEN_SPLIT)
    assert "utmaningar och kriser" in c.text
    _roundtrip(HYPHEN_SPLIT)


def test_sentence_split_joined_and_photo_credit_dropped() -> None:
    c = clean_text(SENTENCE_SPLIT)
    assert "regioner med avseende" in c.text
    assert "Foto" not in c.text
    _roundtrip(SENTENCE_SPLIT)


def test_table_of_contents_and_page_numbers_dropped() -> None:
    c = clean_text(TOC)
    assert "\t5" not in c.text and "....." not in c.text and "\n12\n" not in c.text
    assert c.text.endswith("Text.")


def test_a_sentence_cut_after_a_dangling_word_is_joined_before_a_name() -> None:
    # vasterbotten-resultat-2024.txt: the owners of a platform sit on the next page.
    text = (
        "Plattformen administreras och ägs av\n\n"
        "Region Västerbotten och Länsstyrelsen Västerbotten tillsammans.\n\n"
        "Samhällsbyggnad\n\nSamverkan med andra aktörer."
    )
    cleaned = clean_text(text)
    assert "ägs av Region Västerbotten" in cleaned.text
    assert "tillsammans.\n\nSamhällsbyggnad\n\nSamverkan" in cleaned.text
    start = cleaned.text.index("Region")
    assert cleaned.offsets.to_original(start, start + 6) == (
        text.index("Region"),
        text.index("Region") + 6,
    )


def test_a_narrow_column_joins_a_name_cut_before_a_capital() -> None:
    lines = [
        "Klustret drivs av den ekonomiska föreningen Fjällteknik",
        "Mitt och har i dag 38 medlemmar som arbetar med teknik",
        "för kallt klimat och för fjällmiljöer i hela länet och",
        "i grannlänen. Bland medlemmarna finns Skidteknik i Åre",
        "och flera andra bolag som har sina verkstäder i byarna",
        "runt Storsjön. Medlemmarna träffas fyra gånger per år",
        "och driver gemensamma projekt om provning av maskiner",
        "på snö och is. Den största medlemmen är Järpens Mekaniska",
        "Verkstad AB som också har en egen testbana nära Järpen",
        "där de andra medlemmarna kan prova sina produkter under",
        "vintern. Klustret har sedan starten haft stöd från flera",
        "finansiärer och har en processledare på halvtid som sitter",
        "i Östersund och samordnar arbetet mellan medlemmarna.",
    ]
    cleaned = clean_text("\n".join(lines) + "\n").text
    assert "Järpens Mekaniska Verkstad AB" in cleaned
