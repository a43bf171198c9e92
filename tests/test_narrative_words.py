"""natolab.narrative._words: small phrases shared by every narrative module."""

from natolab.narrative._words import aside, possessive


def test_possessive_and_aside_shared_by_the_burden_sharing_and_profile_sentences():
    assert possessive("Poland") == "Poland's"
    assert possessive("the United States") == "the United States'"
    assert aside("Only Ally with no standing armed forces") == "the only Ally with no standing armed forces"
    assert aside("Has a coast guard") == "has a coast guard"
