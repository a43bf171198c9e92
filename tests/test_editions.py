"""natolab.editions: the one owner of what an edition is (small synthetic frames)."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab import editions
from natolab.resources import Frames

NAN = float("nan")
EDITIONS = pd.DataFrame({
    "edition": ["2026-07", "2024-06", "2025-08"],  # not in publication order on purpose
    "title": ["Defence Investment (2014-2026)", "Defence Expenditure (2014-2024)",
              "Defence Expenditure (2014-2025)"],
    "publisher": ["NATO"] * 3,
    "published": pd.to_datetime(["2026-07-07", "2024-06-17", None]),
    "definition": ["core defence expenditure (The Hague 2025)", "NATO defence expenditure",
                   "NATO defence expenditure"],
    "constant_price_base": [2021, 2015, NAN],
    "source_kind": ["secondary_transcription", "official_workbook", "secondary_transcription"],
})
EXPENDITURE = pd.DataFrame(
    [("2024-06", "AAA", 2023, "share_of_gdp_pct", 1.5, False),
     ("2024-06", "AAA", 2024, "share_of_gdp_pct", 1.6, True),
     ("2024-06", "AAA", 2024, "real_change_pct", 3.0, True),
     ("2025-08", "AAA", 2025, "share_of_gdp_pct", 2.0, True),
     ("2026-07", "AAA", 2024, "share_of_gdp_pct", 1.4, False),
     ("2026-07", "AAA", 2026, "share_of_gdp_pct", NAN, True),  # blank: not a covered year
     ("2026-07", "AAA", 2026, "equipment_share_pct", 22.0, True),
     ("2099-01", "AAA", 2024, "share_of_gdp_pct", 9.9, False)],  # an edition not yet catalogued
    columns=["edition", "iso3", "year", "indicator", "value", "estimate"],
)
KW = {"data": Frames(editions=EDITIONS, defence_expenditure=EXPENDITURE)}


EDITIONS_DATA = Frames(editions=EDITIONS)


def test_order_latest_previous_and_uncatalogued_last():
    assert editions.order(data=EDITIONS_DATA) == ["2024-06", "2025-08", "2026-07"]
    assert editions.order(**KW) == ["2024-06", "2025-08", "2026-07", "2099-01"]
    assert editions.latest(data=EDITIONS_DATA) == "2026-07"
    assert editions.previous("2026-07", data=EDITIONS_DATA) == "2025-08"
    assert editions.previous("2024-06", data=EDITIONS_DATA) is None


def test_check_names_the_valid_editions():
    assert editions.check("2025-08", **KW) == "2025-08"
    with pytest.raises(ValueError, match="Valid editions: latest, 2024-06, 2025-08, 2026-07, 2099-01"):
        editions.check("2025-09", **KW)


def test_describe_definition_price_base_years_and_estimates():
    core = editions.describe("2026-07", **KW)
    assert core.core and core.definition_short == "core defence expenditure"
    assert core.published == "2026-07-07" and core.price_base == 2021
    assert core.years == (2024,)  # 2026 has no share of GDP value, only equipment
    assert core.estimate_years == (2026,)
    assert core.indicators == ("equipment_share_pct", "share_of_gdp_pct")
    assert core.month == "July 2026" and core.label == "edition of July 2026"
    old = editions.describe("2025-08", **KW)
    assert not old.core and old.published is None and old.price_base is None
    assert old.definition_short == "NATO definition"


def test_year_label_marks_estimates_of_that_edition_only():
    assert editions.year_label(2024, "2024-06", **KW) == "2024e"
    assert editions.year_label(2024, "2026-07", **KW) == "2024"  # the same year, actual here
    assert editions.year_label(2023, "2024-06", **KW) == "2023"


def test_years_per_indicator():
    assert editions.years("2024-06", **KW) == [2023, 2024]
    assert editions.years("2024-06", "real_change_pct", **KW) == [2024]
    assert editions.years("2026-07", "equipment_share_pct", **KW) == [2026]


def test_data_and_metrics_use_the_same_order():
    # The bundled data: editions.table() and the order the metrics use come from this module.
    from natolab import data

    expenditure = data.load("defence_expenditure")
    assert editions.table()["edition"].tolist() == editions.order()
    given = Frames(defence_expenditure=expenditure)
    assert editions.order(data=given) == editions.order(data=given) == editions.order()
    assert editions.order(data=given) is not editions.order(data=given)  # each caller gets its own list


def test_cite_credits_the_edition_a_sentence_names():
    from natolab import provenance

    provenance.reset()
    try:
        assert editions.cite("2025-04") == "2025-04"
        assert provenance.used() == {"defence_expenditure": ["2025-04"]}
    finally:
        provenance.reset()
