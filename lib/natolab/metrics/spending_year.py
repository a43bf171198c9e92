"""One year's spending tables, one edition, a row per Ally: rank, target counts, gaps, equipment, per head, real change.

Every table has the edition it comes from (:mod:`natolab.metrics.spending_editions`)
in an ``edition`` column. Iceland has no armed forces and reports no defence
expenditure: it appears in these tables with missing values, never as a zero.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from natolab import editions as edition_catalogue
from natolab.metrics.frames import Frames, country_names, name_of
from natolab.metrics.spending_data import SHARE, allies_in_year, check_year, expenditure_table, values
from natolab.metrics.spending_editions import edition_years, resolve_edition

__all__ = [
    "EQUIPMENT_GUIDELINE_PCT",
    "count_meeting_target_by_edition",
    "count_meeting_target_by_year",
    "equipment_share",
    "gap_to_target",
    "league_table",
    "per_capita",
    "real_change",
]

#: Wales 2014 guideline: at least 20 % of defence expenditure on major equipment (incl. R&D).
EQUIPMENT_GUIDELINE_PCT = 20.0


def year_table(
    year: int,
    edition: str | None,
    indicators: list[str],
    *,
    data: Frames | None = None,
    ally_codes: Iterable[str] | None = None,
) -> tuple[pd.DataFrame, str]:
    """One row per Ally of ``year`` with one column per indicator from one edition."""
    data = data or Frames()
    frame = expenditure_table(data)
    year = check_year(year, frame)
    edition = resolve_edition(edition, year, data)
    allies = allies_in_year(year, data=data)
    if ally_codes is not None:
        allies = [a for a in allies if a in set(ally_codes)]
    names = country_names(data)
    out = pd.DataFrame({"iso3": allies})
    out["country"] = [name_of(code, names) for code in allies]
    for indicator in indicators:
        rows = values(frame, edition, year, indicator).set_index("iso3")
        out[indicator] = out["iso3"].map(rows["value"]).astype("float64")
        if indicator == indicators[0]:
            estimate = out["iso3"].map(rows["estimate"])
            out["estimate"] = estimate.astype("boolean") if len(estimate) else estimate
    out["year"] = year
    out["edition"] = edition
    return out, edition


def league_table(
    year: int,
    targets: Iterable[float] = (2.0, 3.5),
    *,
    edition: str | None = "latest",
    countries_filter: Iterable[str] | None = None,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Allies of ``year`` ranked by defence expenditure as a share of GDP, against targets.

    Columns: rank (1 = highest; blank when nothing is reported), iso3, country,
    share_of_gdp_pct, estimate, one boolean ``meets_<t>pct`` per target (at or above;
    blank when nothing is reported), year, edition. Rank is among all Allies of the
    year even when ``countries_filter`` narrows the rows shown.
    """
    targets = list(targets)
    table, _ = year_table(year, edition, [SHARE], data=data)
    table["rank"] = table[SHARE].rank(ascending=False, method="min").astype("Int64")
    for target in targets:
        table[_target_column(target)] = _at_or_above(table[SHARE], target)
    return _ranked(table, SHARE, countries_filter,
                   ["rank", "iso3", "country", SHARE, "estimate", *map(_target_column, targets), "year", "edition"])


def _at_or_above(values: pd.Series, threshold: float) -> pd.Series:
    """True/False per row; blank (NA) where nothing is reported, never False."""
    meets = (values >= float(threshold)).astype("boolean")
    meets[values.isna()] = pd.NA
    return meets


def highest_first(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows by ``column`` descending, ties by country name, unreported rows last."""
    return table.sort_values([column, "country"], ascending=[False, True], na_position="last")


def _ranked(table: pd.DataFrame, sort_by: str, countries_filter: Iterable[str] | None,
            columns: list[str]) -> pd.DataFrame:
    """``columns`` of ``table``, highest ``sort_by`` first, only the Allies of ``countries_filter``
    (all when ``None``): the last step of every one-year table."""
    table = highest_first(table, sort_by)
    if countries_filter is not None:
        table = table.loc[table["iso3"].isin({str(c).upper() for c in countries_filter})]
    return table[columns].reset_index(drop=True)


def _target_column(target: float) -> str:
    return f"meets_{float(target):g}pct".replace(".", "_")


def _target_count(frame: pd.DataFrame, edition: str, year: int, allies: set[str],
                  target_pct: float) -> dict[str, int]:
    """n_allies, n_reported and n_meeting_target (share of GDP at or above) in one edition's year."""
    shares = values(frame, edition, year, SHARE)
    shares = shares.loc[shares["iso3"].isin(allies) & shares["value"].notna()]
    return {"n_allies": len(allies), "n_reported": len(shares),
            "n_meeting_target": int((shares["value"] >= float(target_pct)).sum())}


def count_meeting_target_by_year(
    target_pct: float = 2.0,
    *,
    edition: str | None = "latest",
    data: Frames | None = None,
) -> pd.DataFrame:
    """Per year: Allies, Allies reported, Allies at or above ``target_pct`` of GDP.

    With one ``edition``, every year that edition reports, all from it. With
    ``"latest"``, each year from its own :func:`~natolab.metrics.default_edition` (the
    ``edition`` column says which). Columns: year, n_allies, n_reported,
    n_meeting_target, year_label ("2026e" where the edition marks the year as an
    estimate), edition.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    if edition in (None, "latest"):
        years = sorted(set(frame.loc[(frame["indicator"] == SHARE) & frame["value"].notna(),
                                     "year"]))
    else:
        edition = edition_catalogue.check(edition, data=data)
        years = edition_years(edition, data=data)
    rows = []
    for year in years:
        ed = resolve_edition(edition, year, data)
        allies = set(allies_in_year(year, data=data))
        label = edition_catalogue.year_label(year, ed, data=data)
        rows.append({"year": int(year), **_target_count(frame, ed, year, allies, target_pct),
                     "year_label": label, "edition": ed})
    return pd.DataFrame(rows, columns=["year", "n_allies", "n_reported", "n_meeting_target",
                                       "year_label", "edition"])


def count_meeting_target_by_edition(
    year: int,
    target_pct: float = 2.0,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """For one ``year``, how many Allies met ``target_pct`` in each edition that reports it.

    Shows how the headline count moved as estimates were revised (and, for the 2026
    edition, as the definition changed). Columns: edition, n_allies, n_reported,
    n_meeting_target, year_label (the year as that edition marks it: "2024e" in an
    edition that still estimated it, "2024" in a later one); oldest edition first.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    year = check_year(year, frame)
    allies = set(allies_in_year(year, data=data))
    rows = []
    for ed in order:
        counts = _target_count(frame, ed, year, allies, target_pct)
        if counts["n_reported"]:
            label = edition_catalogue.year_label(year, ed, data=data)
            rows.append({"edition": ed, **counts, "year_label": label})
    return pd.DataFrame(rows, columns=["edition", "n_allies", "n_reported", "n_meeting_target",
                                       "year_label"])


def gap_to_target(
    year: int,
    target_pct: float = 2.0,
    *,
    edition: str | None = "latest",
    data: Frames | None = None,
) -> pd.DataFrame:
    """How far each Ally is below ``target_pct`` of GDP, in percentage points and US$ million.

    ``gap_pct_points`` = target − share (0 for Allies at or above). ``gap_usd_current_m``
    = gap × GDP ÷ 100, the extra spending at current prices and exchange rates that
    would have met the target that year. GDP comes from the **same edition** only:
    ``gdp_usd_current_m`` where the edition has it (``gdp_basis`` =
    "gdp_usd_current_m"); otherwise GDP implied by the edition's own figures,
    defence_expenditure_usd_current_m ÷ share × 100 (``gdp_basis`` = "implied"); otherwise
    blank (``gdp_basis`` = "none"). Never a GDP from another edition.
    """
    indicators = [SHARE, "gdp_usd_current_m", "defence_expenditure_usd_current_m"]
    table, _ = year_table(year, edition, indicators, data=data)
    share = table[SHARE]
    implied = table["defence_expenditure_usd_current_m"] / share * 100
    implied = implied.where(share > 0)
    has_gdp = table["gdp_usd_current_m"].notna()
    gdp = table["gdp_usd_current_m"].where(has_gdp, implied)
    table["gdp_basis"] = np.where(has_gdp, "gdp_usd_current_m",
                                  np.where(implied.notna(), "implied", "none"))
    table["gdp_used_usd_current_m"] = gdp
    table["target_pct"] = float(target_pct)
    table["gap_pct_points"] = (float(target_pct) - share).clip(lower=0)
    table["gap_usd_current_m"] = table["gap_pct_points"] * gdp / 100
    return _ranked(table, "gap_pct_points", None,
                   ["iso3", "country", SHARE, "estimate", "target_pct", "gap_pct_points",
                    "gdp_used_usd_current_m", "gdp_basis", "gap_usd_current_m", "year", "edition"])


def equipment_share(year: int, guideline_pct: float = EQUIPMENT_GUIDELINE_PCT, *, edition: str | None = "latest",
                    countries_filter: Iterable[str] | None = None, data: Frames | None = None) -> pd.DataFrame:
    """Share of defence expenditure spent on major equipment (incl. R&D) against the guideline.

    Columns: iso3, country, equipment_share_pct, estimate, meets_guideline (blank when not
    reported), year, edition; highest share first.
    """
    table, _ = year_table(year, edition, ["equipment_share_pct"], data=data)
    table["meets_guideline"] = _at_or_above(table["equipment_share_pct"], guideline_pct)
    return _ranked(table, "equipment_share_pct", countries_filter,
                   ["iso3", "country", "equipment_share_pct", "estimate", "meets_guideline", "year", "edition"])


def per_capita(year: int, *, edition: str | None = "latest", countries_filter: Iterable[str] | None = None,
               data: Frames | None = None) -> pd.DataFrame:
    """Defence expenditure per head (US$, the edition's constant prices), highest first."""
    indicator = "defence_expenditure_per_capita_usd_constant"
    table, _ = year_table(year, edition, [indicator], data=data)
    return _ranked(table, indicator, countries_filter, ["iso3", "country", indicator, "estimate", "year", "edition"])


def real_change(year: int, *, edition: str | None = "latest", countries_filter: Iterable[str] | None = None,
                data: Frames | None = None) -> pd.DataFrame:
    """Real (constant-price) change of defence expenditure: on the year before and since 2014.

    Columns: iso3, country, real_change_pct, real_change_since_2014_pct, estimate, year,
    edition; sorted by the change on the year before, largest first.
    """
    indicators = ["real_change_pct", "real_change_since_2014_pct"]
    table, _ = year_table(year, edition, indicators, data=data)
    return _ranked(table, "real_change_pct", countries_filter,
                   ["iso3", "country", *indicators, "estimate", "year", "edition"])
