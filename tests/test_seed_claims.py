"""Tests for natolab.seed_claims: quotes are verbatim, verdicts follow the data on the date asked for.

Expected verdicts follow from the seed text and the raw facts (SOURCES.md), not from the code:
North Macedonia made 30 Allies on 27 March 2020; Finland (2023) and Sweden (2024) came later.
"""

from __future__ import annotations

import pandas as pd
import pytest
from raw_sources import raw_facts

from natolab import paths, seed_claims

SEED = paths.SHARED_DIR / "seed" / "belgium-nato.txt"


def test_every_quote_is_verbatim_in_the_seed_text():
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    for key, quote in seed_claims.QUOTES.items():
        assert quote in text, key


def test_claims_sentence_grammar():
    claims = pd.DataFrame({"verdict": ["holds", "holds", "no longer current", "differs"]})
    assert seed_claims.claims_sentence(claims, "2026-01-01") == (
        "As of 1 January 2026, of the 4 checkable claims of the source text, 2 hold, 1 is no longer current "
        "and 1 differs from the data."
    )
    one = pd.DataFrame({"verdict": ["not yet"]})
    assert seed_claims.claims_sentence(one, "1950-01-01") == (
        "As of 1 January 1950, the one checkable claim of the source text describes events after that date."
    )
    alike = pd.DataFrame({"verdict": ["holds"] * 3})
    assert seed_claims.claims_sentence(alike, "2020-03-27") == (
        "As of 27 March 2020, all 3 checkable claims of the source text hold."
    )
    none = pd.DataFrame({"verdict": pd.Series([], dtype=object)})
    assert seed_claims.claims_sentence(none, "2020-03-27") == (
        "As of 27 March 2020, the source text makes no claim the data can check."
    )


def _verdicts(frame: pd.DataFrame) -> list[str]:
    return frame["verdict"].tolist()


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # founder, 1952 round, "now has 30 members", open door
        ("1949-04-04", ["holds", "not yet", "not yet", "not yet"]),
        ("1952-02-18", ["holds", "holds", "not yet", "holds"]),
        ("2020-03-26", ["holds", "holds", "not yet", "holds"]),
        ("2020-03-27", ["holds", "holds", "holds", "holds"]),
        ("2023-04-04", ["holds", "holds", "no longer current", "holds"]),
    ],
)
def test_enlargement_claims_on_key_days(curated, as_of, expected):
    claims = seed_claims.enlargement_claims(as_of)
    assert claims["claim"].tolist()[2] == seed_claims.QUOTES["thirty"]
    assert _verdicts(claims) == expected


def test_enlargement_claim_text_on_1952(curated):
    said = seed_claims.enlargement_claims("1952-02-18")["data_on_date"].tolist()
    assert said[1] == "The first enlargement round: Greece and Türkiye on 18 February 1952, making 14 Allies."
    assert "14 Allies" in said[2]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # Belgium in both, Warsaw 2016, Brussels 2018, 74 actions
        ("1957-12-31", ["not yet", "not yet", "not yet", "not yet"]),
        ("2017-01-01", ["holds", "holds", "not yet", "not yet"]),
        ("2018-07-10", ["holds", "holds", "holds", "holds"]),
    ],
)
def test_eu_nato_claims_on_key_days(curated, as_of, expected):
    assert _verdicts(seed_claims.eu_nato_claims(as_of)) == expected


def test_crisis_management_claim(curated):
    # KFOR (1999-), NMI (Oct 2018-) and the Aegean activity (Feb 2016-): all three run in 2019.
    assert _verdicts(seed_claims.crisis_management_claims("2019-06-01")) == ["holds"]
    assert _verdicts(seed_claims.crisis_management_claims("1990-01-01")) == ["not yet"]
    # In 2010 KFOR and NTM-I ran but the Aegean activity had not begun.
    assert _verdicts(seed_claims.crisis_management_claims("2010-01-01")) == ["differs"]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # Forward presence (first record 28 Aug 2017), Belgium in Baltic Air Policing (from 29 Mar 2004),
        # Wales 2014 / Warsaw 2016 (agreed 5 Sep 2014; no resilience decision in the summits data).
        ("2004-01-01", ["not yet", "not yet", "not yet"]),
        ("2010-01-01", ["not yet", "holds", "not yet"]),
        ("2018-01-01", ["holds", "holds", "not recorded"]),
    ],
)
def test_deterrence_claims_on_key_days(curated, as_of, expected):
    assert _verdicts(seed_claims.deterrence_claims(as_of)) == expected


def test_deterrence_air_policing_claim_counts_the_raw_belgian_detachments(curated):
    belgian = [r for r in raw_facts("air_policing_rotations.csv")
               if r["mission"] == "Baltic Air Policing" and r["nation_iso3"] == "BEL"]
    said = seed_claims.deterrence_claims()["data_on_date"].iloc[1]
    assert said.startswith(f"Belgium flew {len(belgian)} Baltic Air Policing detachments")
    latest = max(r["start_date"] for r in belgian)
    assert pd.Timestamp(latest).strftime("%B %Y") in said


def test_partnership_claim_counts_distinct_countries(curated):
    claims = seed_claims.partnership_claims()
    # 41 listings (SOURCES.md) of 38 distinct countries: BIH, GEO and UKR are aspirants and PfP partners.
    raw = raw_facts("candidates_partners.csv")
    listings, distinct = len(raw), len({r["iso3"] for r in raw})
    assert (listings, distinct) == (41, 38)
    assert f"{listings} framework memberships of {distinct} distinct countries" in claims["data_on_date"].iloc[0]
    assert _verdicts(claims) == ["differs"]
    assert _verdicts(seed_claims.partnership_claims("1990-01-01")) == ["not yet"]
