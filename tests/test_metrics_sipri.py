"""natolab.metrics.sipri on small synthetic frames (expected values worked out by hand)."""

from __future__ import annotations

import pytest
from spending_frames import COUNTRIES, MEMBERS, SIPRI

from natolab.metrics import Frames
from natolab.metrics.sipri import sipri_allies_by_year, sipri_series


def test_sipri_series_and_allies_by_year():
    s = sipri_series(["usa", "AAA"], start=2000, data=Frames(sipri_milex=SIPRI, countries=COUNTRIES))
    assert s["iso3"].tolist() == ["AAA", "AAA", "USA", "USA"]
    assert s["country"].iloc[-1] == "United States"
    with pytest.raises(ValueError, match="Valid indicators: share_of_gdp_pct"):
        sipri_series(indicator="tanks", data=Frames(sipri_milex=SIPRI))
    by_year = sipri_allies_by_year(data=Frames(sipri_milex=SIPRI, members=MEMBERS)).set_index("year")
    # 1950: Allies AAA, ISL, USA (BBB joined 1952, NEW 2024): the other Allies reported = AAA only.
    assert by_year.loc[1950, "n_allies"] == 3
    assert by_year.loc[1950, "us_value"] == 5.0
    assert by_year.loc[1950, "other_allies_median"] == 3.0
    assert by_year.loc[1950, "n_other_reported"] == 1
    # 2024: AAA 2.1, NEW 2.3 (BBB missing) -> median 2.2
    assert by_year.loc[2024, "other_allies_median"] == pytest.approx(2.2)
    assert by_year.loc[2024, "other_allies_max"] == 2.3
