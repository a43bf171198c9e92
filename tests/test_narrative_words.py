"""natolab.narrative._words: small phrases shared by every narrative module."""

import pytest

from natolab.narrative._words import aside, possessive, usd_millions, with_article


@pytest.mark.parametrize(("value_m", "expected"), [
    (337.2, "US$ 337 million"),
    (999.4, "US$ 999 million"),
    (1_000.0, "US$ 1.0 billion"),
    (4_249.0, "US$ 4.2 billion"),
    (413_456.0, "US$ 413 billion"),
    (1_809_912.0, "US$ 1,810 billion"),
])
def test_usd_millions_switches_to_billions_from_a_thousand_million(value_m, expected):
    assert usd_millions(value_m) == expected


@pytest.mark.parametrize(("name", "running", "first"), [
    ("United States", "the United States", "The United States"),
    ("Netherlands", "the Netherlands", "The Netherlands"),
    ("Slovak Republic", "the Slovak Republic", "The Slovak Republic"),
    ("Republic of Moldova", "the Republic of Moldova", "The Republic of Moldova"),
    ("Belgium", "Belgium", "Belgium"),
    ("North Macedonia", "North Macedonia", "North Macedonia"),
])
def test_with_article_for_names_english_writes_with_the(name, running, first):
    assert with_article(name) == running
    assert with_article(name, start=True) == first


def test_possessive_and_aside_shared_by_the_burden_sharing_and_profile_sentences():
    assert possessive("Poland") == "Poland's"
    assert possessive("the United States") == "the United States'"
    assert aside("Only Ally with no standing armed forces") == "the only Ally with no standing armed forces"
    assert aside("Has a coast guard") == "has a coast guard"
