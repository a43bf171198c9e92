"""natolab.dates: reading a date parameter; None is the data's date, never the clock."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab import data
from natolab.dates import to_timestamp


def test_none_is_the_datas_date_whatever_the_clock_says(monkeypatch):
    monkeypatch.setattr(pd.Timestamp, "today", classmethod(lambda cls, tz=None: pd.Timestamp("2099-01-01")))
    assert to_timestamp(None) == data.data_as_of()


def test_dates_are_read_as_days_and_bad_ones_name_the_parameter():
    assert to_timestamp("2024-03-07T15:30:00+01:00") == pd.Timestamp("2024-03-07")
    with pytest.raises(ValueError, match=r"as_of: cannot read 'soon' as a date; give YYYY-MM-DD"):
        to_timestamp("soon", "as_of")
