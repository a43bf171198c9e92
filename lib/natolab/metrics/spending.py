"""Burden sharing: who spends what against the Alliance's targets, by NATO edition.

NATO publishes defence expenditure in editions; a later edition revises earlier
years and may change the definition (the 2026 edition reports *core* defence
expenditure for the whole series) or the price base. So every function here
works on **one edition at a time** and says which one in an ``edition`` column.
``edition="latest"`` means :func:`default_edition` of the year asked for: the most
recent edition that reports every Ally that any edition reports for that year —
never a patchwork of values from different editions.

Every function takes the frames it needs as optional keyword arguments
(``expenditure`` = the ``defence_expenditure`` resource with all editions,
``editions``, ``members``, ``countries``, ``sipri``) and loads them through
:func:`natolab.data.load` when they are not given, so tests can pass small
synthetic frames. Iceland has no armed forces and reports no defence
expenditure: it appears in tables with missing values, never as a zero.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from natolab import editions as edition_catalogue
from natolab.metrics.frames import country_names, frame_or_load, name_of, require_columns

__all__ = [
    "COLD_WAR_END",
    "EQUIPMENT_GUIDELINE_PCT",
    "allies_in_year",
    "count_meeting_target_by_edition",
    "count_meeting_target_by_year",
    "country_long_run",
    "country_series",
    "default_edition",
    "edition_for",
    "edition_years",
    "equipment_share",
    "europe_canada_vs_us",
    "gap_to_target",
    "latest_complete_year",
    "league_table",
    "path_base_year",
    "per_capita",
    "real_change",
    "required_annual_increase",
    "revisions",
    "sipri_allies_by_year",
    "sipri_series",
]

#: Wales 2014 guideline: at least 20 % of defence expenditure on major equipment (incl. R&D).
EQUIPMENT_GUIDELINE_PCT = 20.0
#: Last year of the Cold War for chart context (the Soviet Union was dissolved in December 1991).
COLD_WAR_END = 1991

_EXPENDITURE_COLUMNS = ["edition", "iso3", "year", "indicator", "value"]
_SHARE = "share_of_gdp_pct"
_EUROPE_CANADA = "NATO_EUROPE_CANADA"
_TOTAL = "NATO_TOTAL"
_USA = "USA"


# --------------------------------------------------------------------------- frames


def _expenditure(expenditure: pd.DataFrame | None) -> pd.DataFrame:
    table = frame_or_load(expenditure, "defence_expenditure")
    require_columns(table, _EXPENDITURE_COLUMNS, "defence_expenditure")
    table = table.copy()
    for col in ("edition", "iso3", "indicator"):
        table[col] = table[col].astype(str)
    table["year"] = table["year"].astype("int64")
    table["value"] = pd.to_numeric(table["value"]).astype("float64")
    if "estimate" not in table.columns:
        table["estimate"] = pd.NA
    return table


def _edition_order(editions: pd.DataFrame | None, expenditure: pd.DataFrame) -> list[str]:
    return edition_catalogue.order(editions=editions, expenditure=expenditure)


def _check_edition(edition: str, order: list[str]) -> str:
    if str(edition) not in order:
        raise ValueError(
            f"Unknown edition {edition!r}. Valid editions: latest, {', '.join(order)}"
        )
    return str(edition)


def _check_year(year: int, frame: pd.DataFrame, what: str = "year") -> int:
    years = sorted(set(frame.loc[frame["indicator"] == _SHARE, "year"]))
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValueError(f"{what} {year!r} is not a year") from None
    if year not in years:
        span = f"{years[0]} to {years[-1]}" if years else "none"
        raise ValueError(f"No NATO share-of-GDP data for {what} {year}. Valid years: {span}")
    return year


def allies_in_year(year: int, *, members: pd.DataFrame | None = None) -> list[str]:
    """ISO3 codes of the Allies by the end of ``year`` (accession on or before 31 December).

    Spending is reported per calendar (or fiscal) year, so an Ally that joined during
    the year (Sweden, March 2024) counts for that year.
    """
    table = frame_or_load(members, "members")
    require_columns(table, ["iso3", "accession_date"], "members")
    joined = pd.to_datetime(table["accession_date"])
    mask = joined <= pd.Timestamp(year=int(year), month=12, day=31)
    return sorted(table.loc[mask, "iso3"].astype(str))


def _values(frame: pd.DataFrame, edition: str, year: int | None, indicator: str) -> pd.DataFrame:
    rows = frame.loc[(frame["edition"] == edition) & (frame["indicator"] == indicator)]
    if year is not None:
        rows = rows.loc[rows["year"] == int(year)]
    return rows


def _reported(frame: pd.DataFrame, edition: str, year: int, indicator: str = _SHARE) -> set[str]:
    rows = _values(frame, edition, year, indicator)
    return set(rows.loc[rows["value"].notna(), "iso3"])


# --------------------------------------------------------------------------- editions


def default_edition(
    year: int,
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
) -> str:
    """The latest edition that reports a share of GDP for every Ally of ``year``.

    "Every Ally" means every Ally of that year that *any* edition reports (Iceland
    reports none, so it is never required). If no edition is complete, the edition
    reporting the most Allies (the latest of equals) is returned.
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    year = _check_year(year, frame)
    allies = set(allies_in_year(year, members=members))
    coverage = {ed: _reported(frame, ed, year) & allies for ed in order}
    required = set().union(*coverage.values())
    complete = [ed for ed in order if coverage[ed] >= required]
    if complete:
        return complete[-1]
    best = max(len(c) for c in coverage.values())
    return [ed for ed in order if len(coverage[ed]) == best][-1]


def _resolve(edition: str | None, year: int, frame: pd.DataFrame, order: list[str],
             members: pd.DataFrame | None, editions: pd.DataFrame | None) -> str:
    if edition in (None, "latest"):
        return default_edition(year, expenditure=frame, editions=editions, members=members)
    return _check_edition(edition, order)


def edition_years(
    edition: str,
    indicator: str = _SHARE,
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
) -> list[int]:
    """Years for which ``edition`` has at least one value of ``indicator``."""
    return edition_catalogue.years(edition, indicator, editions=editions,
                                   expenditure=_expenditure(expenditure))


def edition_for(
    indicator: str,
    year: int,
    preferred: str,
    *,
    iso3: str | None = None,
    min_values: int = 1,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
) -> str:
    """``preferred`` if it reports ``indicator`` for ``year``, else the latest edition that does.

    "Reports" means at least ``min_values`` values (of ``iso3`` alone when given, e.g.
    an aggregate). Some editions were only partly transcribed (e.g. no per-capita
    table): a notebook uses this to pick an edition for one chart and *says* when it
    differs from the edition of the rest. Raises ValueError when no edition reports it.
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    preferred = _check_edition(preferred, order)
    if iso3 is not None:
        frame = frame.loc[frame["iso3"] == str(iso3).upper()]

    def count(ed: str) -> int:
        return int(_values(frame, ed, year, indicator)["value"].notna().sum())

    having = [ed for ed in order if count(ed) >= max(1, min_values)]
    if preferred in having:
        return preferred
    if not having:
        raise ValueError(f"No edition reports {indicator} for {year}")
    return having[-1]


def latest_complete_year(
    edition: str | None = None,
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
) -> int:
    """The most recent year whose share of GDP is reported for every reporting Ally.

    With ``edition`` given, completeness is judged within that edition; with ``None``
    across all editions (there is then some edition complete for that year).
    """
    return _latest_complete(edition, None, expenditure, editions, members)


def _latest_complete(
    edition: str | None,
    before: int | None,
    expenditure: pd.DataFrame | None,
    editions: pd.DataFrame | None,
    members: pd.DataFrame | None,
) -> int:
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    eds = order if edition in (None, "latest") else [_check_edition(edition, order)]
    years = sorted(set(frame.loc[frame["indicator"] == _SHARE, "year"]), reverse=True)
    for year in years:
        if before is not None and year >= before:
            continue
        allies = set(allies_in_year(year, members=members))
        required = set().union(*(_reported(frame, ed, year) for ed in order)) & allies
        if any(required and _reported(frame, ed, year) >= required for ed in eds):
            return int(year)
    limit = f" before {before}" if before is not None else ""
    raise ValueError(f"No year{limit} is complete in edition {edition}")


# --------------------------------------------------------------------------- one year


def _year_table(
    year: int,
    edition: str | None,
    indicators: list[str],
    *,
    expenditure: pd.DataFrame | None,
    editions: pd.DataFrame | None,
    members: pd.DataFrame | None,
    countries: pd.DataFrame | None,
    ally_codes: Iterable[str] | None = None,
) -> tuple[pd.DataFrame, str]:
    """One row per Ally of ``year`` with one column per indicator from one edition."""
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    year = _check_year(year, frame)
    edition = _resolve(edition, year, frame, order, members, editions)
    allies = allies_in_year(year, members=members)
    if ally_codes is not None:
        allies = [a for a in allies if a in set(ally_codes)]
    names = country_names(countries)
    out = pd.DataFrame({"iso3": allies})
    out["country"] = [name_of(code, names) for code in allies]
    for indicator in indicators:
        rows = _values(frame, edition, year, indicator).set_index("iso3")
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
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Allies of ``year`` ranked by defence expenditure as a share of GDP, against targets.

    Columns: rank (1 = highest; blank when nothing is reported), iso3, country,
    share_of_gdp_pct, estimate, one boolean ``meets_<t>pct`` per target (at or above;
    blank when nothing is reported), year, edition. Rank is among all Allies of the
    year even when ``countries_filter`` narrows the rows shown.
    """
    targets = list(targets)
    table, _ = _year_table(year, edition, [_SHARE], expenditure=expenditure, editions=editions,
                           members=members, countries=countries)
    table["rank"] = table[_SHARE].rank(ascending=False, method="min").astype("Int64")
    for target in targets:
        table[_target_column(target)] = _at_or_above(table[_SHARE], target)
    table = _filter(_highest_first(table, _SHARE), countries_filter)
    cols = ["rank", "iso3", "country", _SHARE, "estimate", *map(_target_column, targets),
            "year", "edition"]
    return table[cols].reset_index(drop=True)


def _at_or_above(values: pd.Series, threshold: float) -> pd.Series:
    """True/False per row; blank (NA) where nothing is reported, never False."""
    meets = (values >= float(threshold)).astype("boolean")
    meets[values.isna()] = pd.NA
    return meets


def _highest_first(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows by ``column`` descending, ties by country name, unreported rows last."""
    return table.sort_values([column, "country"], ascending=[False, True], na_position="last")


def _filter(table: pd.DataFrame, countries_filter: Iterable[str] | None) -> pd.DataFrame:
    if countries_filter is None:
        return table
    return table.loc[table["iso3"].isin({str(c).upper() for c in countries_filter})]


def _target_column(target: float) -> str:
    return f"meets_{float(target):g}pct".replace(".", "_")


def _target_count(frame: pd.DataFrame, edition: str, year: int, allies: set[str],
                  target_pct: float) -> dict[str, int]:
    """n_allies, n_reported and n_meeting_target (share of GDP at or above) in one edition's year."""
    shares = _values(frame, edition, year, _SHARE)
    shares = shares.loc[shares["iso3"].isin(allies) & shares["value"].notna()]
    return {"n_allies": len(allies), "n_reported": len(shares),
            "n_meeting_target": int((shares["value"] >= float(target_pct)).sum())}


def count_meeting_target_by_year(
    target_pct: float = 2.0,
    *,
    edition: str | None = "latest",
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per year: Allies, Allies reported, Allies at or above ``target_pct`` of GDP.

    With one ``edition``, every year that edition reports, all from it. With
    ``"latest"``, each year from its own :func:`default_edition` (the ``edition``
    column says which). Columns: year, n_allies, n_reported, n_meeting_target, year_label
    ("2026e" where the edition marks the year as an estimate), edition.
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    if edition in (None, "latest"):
        years = sorted(set(frame.loc[(frame["indicator"] == _SHARE) & frame["value"].notna(),
                                     "year"]))
    else:
        edition = _check_edition(edition, order)
        years = edition_years(edition, expenditure=frame, editions=editions)
    rows = []
    for year in years:
        ed = _resolve(edition, year, frame, order, members, editions)
        allies = set(allies_in_year(year, members=members))
        label = edition_catalogue.year_label(year, ed, editions=editions, expenditure=frame)
        rows.append({"year": int(year), **_target_count(frame, ed, year, allies, target_pct),
                     "year_label": label, "edition": ed})
    return pd.DataFrame(rows, columns=["year", "n_allies", "n_reported", "n_meeting_target",
                                       "year_label", "edition"])


def count_meeting_target_by_edition(
    year: int,
    target_pct: float = 2.0,
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For one ``year``, how many Allies met ``target_pct`` in each edition that reports it.

    Shows how the headline count moved as estimates were revised (and, for the 2026
    edition, as the definition changed). Columns: edition, n_allies, n_reported,
    n_meeting_target, year_label (the year as that edition marks it: "2024e" in an
    edition that still estimated it, "2024" in a later one); oldest edition first.
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    year = _check_year(year, frame)
    allies = set(allies_in_year(year, members=members))
    rows = []
    for ed in order:
        counts = _target_count(frame, ed, year, allies, target_pct)
        if counts["n_reported"]:
            label = edition_catalogue.year_label(year, ed, editions=editions, expenditure=frame)
            rows.append({"edition": ed, **counts, "year_label": label})
    return pd.DataFrame(rows, columns=["edition", "n_allies", "n_reported", "n_meeting_target",
                                       "year_label"])


def gap_to_target(
    year: int,
    target_pct: float = 2.0,
    *,
    edition: str | None = "latest",
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
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
    indicators = [_SHARE, "gdp_usd_current_m", "defence_expenditure_usd_current_m"]
    table, _ = _year_table(year, edition, indicators, expenditure=expenditure, editions=editions,
                           members=members, countries=countries)
    share = table[_SHARE]
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
    table = _highest_first(table, "gap_pct_points")
    cols = ["iso3", "country", _SHARE, "estimate", "target_pct", "gap_pct_points",
            "gdp_used_usd_current_m", "gdp_basis", "gap_usd_current_m", "year", "edition"]
    return table[cols].reset_index(drop=True)


def equipment_share(
    year: int,
    guideline_pct: float = EQUIPMENT_GUIDELINE_PCT,
    *,
    edition: str | None = "latest",
    countries_filter: Iterable[str] | None = None,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Share of defence expenditure spent on major equipment (incl. R&D) against the guideline.

    Columns: iso3, country, equipment_share_pct, estimate, meets_guideline (blank when not
    reported), year, edition; highest share first.
    """
    table, _ = _year_table(year, edition, ["equipment_share_pct"], expenditure=expenditure,
                           editions=editions, members=members, countries=countries)
    table["meets_guideline"] = _at_or_above(table["equipment_share_pct"], guideline_pct)
    table = _highest_first(table, "equipment_share_pct")
    cols = ["iso3", "country", "equipment_share_pct", "estimate", "meets_guideline", "year",
            "edition"]
    table = _filter(table, countries_filter)
    return table[cols].reset_index(drop=True)


def per_capita(
    year: int,
    *,
    edition: str | None = "latest",
    countries_filter: Iterable[str] | None = None,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Defence expenditure per head (US$, the edition's constant prices), highest first."""
    indicator = "defence_expenditure_per_capita_usd_constant"
    table, _ = _year_table(year, edition, [indicator], expenditure=expenditure,
                           editions=editions, members=members, countries=countries)
    table = _highest_first(table, indicator)
    table = _filter(table, countries_filter)
    return table[["iso3", "country", indicator, "estimate", "year", "edition"]].reset_index(
        drop=True)


def real_change(
    year: int,
    *,
    edition: str | None = "latest",
    countries_filter: Iterable[str] | None = None,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Real (constant-price) change of defence expenditure: on the year before and since 2014.

    Columns: iso3, country, real_change_pct, real_change_since_2014_pct, estimate, year,
    edition; sorted by the change on the year before, largest first.
    """
    indicators = ["real_change_pct", "real_change_since_2014_pct"]
    table, _ = _year_table(year, edition, indicators, expenditure=expenditure,
                           editions=editions, members=members, countries=countries)
    table = _highest_first(table, "real_change_pct")
    table = _filter(table, countries_filter)
    return table[["iso3", "country", *indicators, "estimate", "year", "edition"]].reset_index(
        drop=True)


# --------------------------------------------------------------------------- series


def country_series(
    iso3: str,
    indicator: str = _SHARE,
    *,
    edition: str | None = "latest",
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One country's (or aggregate's) series of ``indicator`` from one edition.

    ``edition="latest"``: the most recent edition with any value for it. Columns: year,
    value, estimate, edition. Empty when the edition has nothing for it (Iceland).
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    code = str(iso3).upper()
    rows = frame.loc[(frame["iso3"] == code) & (frame["indicator"] == indicator)]
    if edition in (None, "latest"):
        having = [ed for ed in order if rows.loc[rows["edition"] == ed, "value"].notna().any()]
        if not having:
            return pd.DataFrame(columns=["year", "value", "estimate", "edition"])
        edition = having[-1]
    else:
        edition = _check_edition(edition, order)
    rows = rows.loc[(rows["edition"] == edition) & rows["value"].notna()].sort_values("year")
    return rows[["year", "value", "estimate", "edition"]].reset_index(drop=True)


def europe_canada_vs_us(
    edition: str | None = "latest",
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Defence expenditure of European Allies and Canada against the United States, per year.

    From one edition's current-US$ series (``"latest"``: the most recent edition with the
    Europe-and-Canada aggregate). Columns: year, europe_canada_usd_current_m,
    us_usd_current_m, us_share_of_total_pct (US ÷ (US + Europe and Canada)),
    europe_canada_share_of_gdp_pct, us_share_of_gdp_pct, edition.
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    money = "defence_expenditure_usd_current_m"
    if edition in (None, "latest"):
        rows = frame.loc[(frame["iso3"] == _EUROPE_CANADA) & (frame["indicator"] == money)
                         & frame["value"].notna()]
        having = [ed for ed in order if ed in set(rows["edition"])]
        if not having:
            raise ValueError("No edition reports the NATO Europe and Canada aggregate in US$")
        edition = having[-1]
    else:
        edition = _check_edition(edition, order)
    sel = frame.loc[(frame["edition"] == edition) & frame["iso3"].isin([_EUROPE_CANADA, _USA])
                    & frame["indicator"].isin([money, _SHARE])]
    wide = sel.pivot_table(index="year", columns=["iso3", "indicator"], values="value",
                           aggfunc="first")

    def col(code: str, ind: str) -> pd.Series:
        return wide[(code, ind)] if (code, ind) in wide.columns else pd.Series(np.nan, wide.index)

    out = pd.DataFrame({
        "year": wide.index.astype(int),
        "europe_canada_usd_current_m": col(_EUROPE_CANADA, money).to_numpy(),
        "us_usd_current_m": col(_USA, money).to_numpy(),
        "europe_canada_share_of_gdp_pct": col(_EUROPE_CANADA, _SHARE).to_numpy(),
        "us_share_of_gdp_pct": col(_USA, _SHARE).to_numpy(),
    })
    total = out["europe_canada_usd_current_m"] + out["us_usd_current_m"]
    out.insert(3, "us_share_of_total_pct", 100 * out["us_usd_current_m"] / total)
    out["edition"] = edition
    return out.dropna(subset=["europe_canada_usd_current_m", "us_usd_current_m"],
                      how="all").reset_index(drop=True)


def path_base_year(
    edition: str | None,
    target_year: int,
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
) -> int:
    """Start of the path to a target: the latest complete year of ``edition`` before ``target_year``."""
    return _latest_complete(edition, int(target_year), expenditure, editions, members)


def required_annual_increase(
    target_pct: float = 3.5,
    target_year: int = 2035,
    *,
    base_year: int | None = None,
    edition: str | None = "latest",
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Percentage points of GDP per year each Ally must add to reach ``target_pct`` by ``target_year``.

    A straight line from the base-year share: (target − share) ÷ (target_year − base_year),
    0 for Allies already at or above. ``base_year=None``: the latest year complete in the
    edition (:func:`latest_complete_year`). Columns: iso3, country, base_year,
    share_of_gdp_pct, estimate, target_pct, target_year, gap_pct_points,
    required_pp_per_year, edition; largest requirement first.
    """
    frame = _expenditure(expenditure)
    if base_year is None:
        base_year = latest_complete_year(edition, expenditure=frame, editions=editions,
                                         members=members)
    base_year = int(base_year)
    target_year = int(target_year)
    if target_year <= base_year:
        raise ValueError(
            f"target_year {target_year} must be after the base year {base_year}. "
            f"Valid values: a year from {base_year + 1}"
        )
    table, _ = _year_table(base_year, edition, [_SHARE], expenditure=frame, editions=editions,
                           members=members, countries=countries)
    table["base_year"] = base_year
    table["target_pct"] = float(target_pct)
    table["target_year"] = target_year
    table["gap_pct_points"] = (float(target_pct) - table[_SHARE]).clip(lower=0)
    table["required_pp_per_year"] = table["gap_pct_points"] / (target_year - base_year)
    table = _highest_first(table, "required_pp_per_year")
    cols = ["iso3", "country", "base_year", _SHARE, "estimate", "target_pct", "target_year",
            "gap_pct_points", "required_pp_per_year", "edition"]
    return table[cols].reset_index(drop=True)


def revisions(
    year: int,
    indicator: str = _SHARE,
    *,
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How the value for ``year`` changed from edition to edition, per Ally.

    One column per edition that reports the year (oldest first, named by edition), then
    n_editions, first_value, last_value and revision (last − first, in the indicator's
    unit); Allies of the year only; largest absolute revision first. Editions may differ
    in definition (the 2026 edition reports core defence expenditure), so a revision can
    be a change of definition as well as of estimate.
    """
    frame = _expenditure(expenditure)
    order = _edition_order(editions, frame)
    year = int(year)
    allies = allies_in_year(year, members=members)
    rows = frame.loc[(frame["year"] == year) & (frame["indicator"] == indicator)
                     & frame["iso3"].isin(allies) & frame["value"].notna()]
    eds = [ed for ed in order if ed in set(rows["edition"])]
    if not eds:
        raise ValueError(f"No edition reports {indicator} for {year}")
    wide = rows.pivot_table(index="iso3", columns="edition", values="value", aggfunc="first")
    wide = wide.reindex(index=allies, columns=eds)
    names = country_names(countries)
    out = pd.DataFrame({"iso3": allies, "country": [name_of(c, names) for c in allies]})
    for ed in eds:
        out[ed] = wide[ed].to_numpy()
    values = out[eds]
    out["n_editions"] = values.notna().sum(axis=1).astype(int)
    out["first_value"] = values.bfill(axis=1).iloc[:, 0]
    out["last_value"] = values.ffill(axis=1).iloc[:, -1]
    out["revision"] = (out["last_value"] - out["first_value"]).where(out["n_editions"] >= 2)
    out["_abs"] = out["revision"].abs()
    out = out.sort_values(["_abs", "country"], ascending=[False, True], na_position="last")
    return out.drop(columns="_abs").reset_index(drop=True)


# --------------------------------------------------------------------------- SIPRI


def _sipri(sipri: pd.DataFrame | None) -> pd.DataFrame:
    table = frame_or_load(sipri, "sipri_milex")
    require_columns(table, ["iso3", "year", "indicator", "value"], "sipri_milex")
    table = table.copy()
    table["iso3"] = table["iso3"].astype(str)
    table["indicator"] = table["indicator"].astype(str)
    table["year"] = table["year"].astype("int64")
    table["value"] = pd.to_numeric(table["value"]).astype("float64")
    return table


def sipri_series(
    countries_filter: Iterable[str] | None = None,
    indicator: str = _SHARE,
    *,
    start: int = 1949,
    end: int | None = None,
    sipri: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """SIPRI military expenditure, long form: year, iso3, country, value (SIPRI definition).

    Not the NATO definition: never join it to a NATO series without saying so.
    Years with no SIPRI value are dropped.
    """
    table = _sipri(sipri)
    valid = sorted(set(table["indicator"]))
    if indicator not in valid:
        raise ValueError(f"Unknown SIPRI indicator {indicator!r}. Valid indicators: {', '.join(valid)}")
    rows = table.loc[(table["indicator"] == indicator) & table["value"].notna()
                     & (table["year"] >= int(start))]
    if end is not None:
        rows = rows.loc[rows["year"] <= int(end)]
    if countries_filter is not None:
        rows = rows.loc[rows["iso3"].isin({str(c).upper() for c in countries_filter})]
    names = country_names(countries)
    out = rows[["year", "iso3", "value"]].copy()
    out.insert(2, "country", [name_of(c, names) for c in out["iso3"]])
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def sipri_allies_by_year(
    indicator: str = _SHARE,
    *,
    start: int = 1949,
    sipri: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The Alliance of each year in SIPRI figures: the United States against the other Allies.

    For each year, the Allies *of that year* (so the Cold War Alliance of 12–16, not
    today's 32): us_value, other_allies_median, other_allies_min, other_allies_max,
    n_allies, n_other_reported. SIPRI definition, share of GDP by default.
    """
    table = _sipri(sipri)
    rows = table.loc[(table["indicator"] == indicator) & (table["year"] >= int(start))]
    member_table = frame_or_load(members, "members")
    out = []
    for year, group in rows.groupby("year"):
        allies = set(allies_in_year(int(year), members=member_table))
        values = group.loc[group["iso3"].isin(allies)].set_index("iso3")["value"]
        others = values.drop(labels=[_USA], errors="ignore").dropna()
        out.append({
            "year": int(year),
            "n_allies": len(allies),
            "us_value": float(values.get(_USA, np.nan)),
            "other_allies_median": float(others.median()) if len(others) else np.nan,
            "other_allies_min": float(others.min()) if len(others) else np.nan,
            "other_allies_max": float(others.max()) if len(others) else np.nan,
            "n_other_reported": len(others),
        })
    return pd.DataFrame(out)



def country_long_run(
    iso3: str,
    *,
    edition: str | None = "latest",
    expenditure: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
    sipri: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """SIPRI and NATO shares of GDP side by side for one country: two columns, never one line.

    Columns: year, sipri_share_of_gdp_pct, nato_share_of_gdp_pct, nato_edition (the
    edition of :func:`country_series`); every year either source has.
    """
    code = str(iso3).upper()
    sip = sipri_series([code], sipri=sipri, countries=pd.DataFrame({"iso3": [], "name": []}))
    nato = country_series(code, edition=edition, expenditure=expenditure, editions=editions)
    out = pd.DataFrame({"year": sorted({*sip["year"].astype(int), *nato["year"].astype(int)})})
    out["sipri_share_of_gdp_pct"] = out["year"].map(dict(zip(sip["year"].astype(int),
                                                             sip["value"], strict=True)))
    out["nato_share_of_gdp_pct"] = out["year"].map(dict(zip(nato["year"].astype(int),
                                                            nato["value"], strict=True)))
    out["nato_edition"] = nato["edition"].iloc[0] if len(nato) else pd.NA
    out[["sipri_share_of_gdp_pct", "nato_share_of_gdp_pct"]] = out[
        ["sipri_share_of_gdp_pct", "nato_share_of_gdp_pct"]].astype("float64")
    return out
