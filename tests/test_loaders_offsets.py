"""Offset maps compose and map derived spans back to the original text."""

from loaders.offsets import OffsetMap, TextBuilder


def test_builder_maps_joined_word_back_to_original() -> None:
    original = "infrastrukt\n\nur och energi"
    b = TextBuilder(len(original))
    b.copy("infrastrukt", 0)
    b.copy("ur och energi", 13)
    text, omap = b.build()
    assert text == "infrastruktur och energi"
    s, e = omap.to_original(0, len("infrastruktur"))
    assert original[s:e] == "infrastrukt\n\nur"
    s, e = omap.to_original(text.index("energi"), len(text))
    assert original[s:e] == "energi"


def test_maps_compose() -> None:
    original = "a--b"
    first = TextBuilder(len(original))
    first.copy("a", 0)
    first.copy("b", 3)
    mid, m1 = first.build()
    second = TextBuilder(len(mid))
    second.copy("b", 1)
    _, m2 = second.build()
    assert m1.then(m2).to_original(0, 1) == (3, 4)
    assert OffsetMap.identity(3).to_original(3, 3) == (3, 3)
