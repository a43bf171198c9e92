"""natolab.metrics.spending_data: the checked tables of one Frames object, the Allies of a year; the package re-exports."""

from __future__ import annotations

import numpy as np
import pytest
import spending_frames

from natolab import editions
from natolab.metrics import Frames, sipri, spending_data, spending_editions, spending_series, spending_year
from natolab.metrics.spending_data import allies_in_year, expenditure_table


def test_spending_data_checks_each_frame_once():
    data = spending_frames.spending_data()
    table = expenditure_table(data)
    assert table is expenditure_table(data)  # typed once, then reused down a chain of calls
    assert table["year"].dtype == "int64" and table["value"].dtype == "float64"
    assert data["defence_expenditure"]["year"].dtype == "Int64"  # the frame given is left as it was
    assert editions.order(data=data) == ["2023-07", "2024-06", "2026-07"]
    with pytest.raises(AttributeError):
        data.members = None  # type: ignore[attr-defined]


def test_allies_in_year_counts_accession_during_the_year():
    data = Frames(members=spending_frames.MEMBERS)
    assert allies_in_year(2023, data=data) == ["AAA", "BBB", "ISL", "USA"]
    assert allies_in_year(2024, data=data) == ["AAA", "BBB", "ISL", "NEW", "USA"]
    assert allies_in_year(1951, data=data) == ["AAA", "ISL", "USA"]


def test_metrics_package_reexports_every_spending_module():
    from natolab import metrics

    for module in (spending_data, spending_editions, spending_year, spending_series, sipri):
        for name in module.__all__:
            assert getattr(metrics, name) is getattr(module, name)
    assert np.isclose(metrics.EQUIPMENT_GUIDELINE_PCT, 20.0)
    assert metrics.COLD_WAR_END == 1991
