"""Organisation names with a branch, a place inside or a genitive owner, and companies
listed with "och" (shapes first seen in the blind dev11 set)."""

from __future__ import annotations

import pytest
from extracttools import extract, orgs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi samarbetar med Business Sweden och Almi Företagspartner Nord om kontakter.\n",
            {"Business Sweden", "Almi Företagspartner Nord"},
        ),
        (
            "I nätverket ingår Hyresgästföreningen Region Norr och Umeå kommun.\n",
            {"Hyresgästföreningen Region Norr", "Umeå kommun"},
        ),
        (
            "Bostaden i Umeå AB, Skebo Skellefteåbostäder AB och Lyckselebostäder AB deltar.\n",
            {"Bostaden i Umeå AB", "Skebo Skellefteåbostäder AB", "Lyckselebostäder AB"},
        ),
        (
            "Kommunalförbundet Norrbottens Inland (KNI) bildades 2009.\n",
            {"Kommunalförbundet Norrbottens Inland"},
        ),
        (
            "Förbundet har inga lån hos Kommuninvest. Pensionsskulden förvaltas av KPA Pension.\n",
            {"Kommuninvest", "KPA Pension"},
        ),
    ],
)
def test_whole_names(text: str, expected: set[str]) -> None:
    assert orgs(extract(text)) == expected


def test_two_word_company_joined_by_och_stays_one() -> None:
    text = "Örnsköldsviks Hamn och Logistik AB bygger ut kajen.\n"
    assert orgs(extract(text)) == {"Örnsköldsviks Hamn och Logistik AB"}


def test_a_direction_word_alone_is_no_branch() -> None:
    assert orgs(extract("Mötet hölls hos Region Norrbotten. Norr om älven låg byn.\n")) == {
        "Region Norrbotten"
    }
