"""Burden sharing today: the present year and edition, key figures, the two definitions, The Hague path.

Built on the spending metrics (:mod:`natolab.metrics.spending_year` and its siblings, one edition at a time) and
:mod:`natolab.editions` (what an edition is). Every figure carries its year, its
edition and whether NATO marks it as an estimate, so sentences and charts can say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.metrics.frames import Frames
from natolab.metrics.spending_data import allies_in_year, expenditure_table
from natolab.metrics.spending_editions import default_edition
from natolab.metrics.spending_series import required_annual_increase
from natolab.metrics.spending_year import gap_to_target, league_table

__all__ = [
    "AGGREGATES",
    "Present",
    "aggregate_edition",
    "aggregate_figures",
    "definition_comparison",
    "definition_counts",
    "hague_path",
    "key_figures",
    "league_with_aggregates",
    "present",
    "previous_edition_count",
    "section_source",
    "target_for_path",
    "target_year",
]

#: NATO's aggregates in the expenditure tables, in the order reports show them.
AGGREGATES = {"NATO_TOTAL": "NATO total", "NATO_EUROPE_CANADA": "European Allies and Canada"}
_SHARE = "share_of_gdp_pct"
_USD = "defence_expenditure_usd_current_m"


@dataclass(frozen=True)
class Present:
    """The year and edition a report describes when the reader asks for none."""

    year: int
    edition: str


def present(
    *,
    data: Frames | None = None,
) -> Present:
    """The latest year NATO reports, in the edition that is complete for it (today 2026, July 2026).

    The year is the latest with a share of GDP in any edition; the edition is
    :func:`natolab.metrics.default_edition` of that year. Every notebook that shows
    "today's" figure calls this, so the same Ally gets the same figure everywhere.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    shares = frame.loc[(frame["indicator"] == _SHARE) & frame["value"].notna()]
    if shares.empty:
        raise ValueError("defence_expenditure has no share-of-GDP figure in any edition")
    year = int(shares["year"].max())
    edition = default_edition(year, data=data)
    return Present(year, edition)


def _aggregate_value(frame: pd.DataFrame, edition: str, year: int, iso3: str, indicator: str) -> float:
    rows = frame.loc[(frame["edition"] == edition) & (frame["year"] == int(year))
                     & (frame["iso3"] == iso3) & (frame["indicator"] == indicator)]
    values = rows["value"].dropna()
    return float(values.iloc[0]) if len(values) else float("nan")


def aggregate_figures(
    year: int,
    edition: str,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """NATO total and European Allies + Canada in one edition's year: share of GDP and US$.

    Columns: iso3, country, share_of_gdp_pct, defence_expenditure_usd_current_m,
    year, edition (blank values where the edition has none).
    """
    data = data or Frames()
    frame = expenditure_table(data)
    rows = [{"iso3": code, "country": name,
             _SHARE: _aggregate_value(frame, edition, year, code, _SHARE),
             _USD: _aggregate_value(frame, edition, year, code, _USD),
             "year": int(year), "edition": edition}
            for code, name in AGGREGATES.items()]
    return pd.DataFrame(rows)


def league_with_aggregates(
    year: int,
    targets: list[float],
    *,
    edition: str,
    data: Frames | None = None,
) -> pd.DataFrame:
    """The league table plus US$ and share of the NATO total, with the two aggregates as last rows.

    Allies keep their rank; the aggregate rows have no rank and ``is_aggregate`` True.
    ``share_of_nato_total_pct`` = the Ally's US$ ÷ the NATO total's US$ (same edition, year).
    """
    data = data or Frames()
    frame = expenditure_table(data)
    table = league_table(year, targets, edition=edition, data=data)
    money = frame.loc[(frame["edition"] == edition) & (frame["year"] == int(year))
                      & (frame["indicator"] == _USD)].set_index("iso3")["value"]
    table.insert(4, _USD, table["iso3"].map(money).astype("float64"))
    aggregates = aggregate_figures(year, edition, data=data)
    total = float(aggregates.loc[aggregates["iso3"] == "NATO_TOTAL", _USD].iloc[0])
    table["is_aggregate"] = False
    aggregates["is_aggregate"] = True
    aggregates["estimate"] = table["estimate"].dropna().any() if len(table) else pd.NA
    out = pd.concat([table, aggregates], ignore_index=True)
    out["share_of_nato_total_pct"] = 100 * out[_USD] / total if total == total else float("nan")
    cols = ["rank", "iso3", "country", _SHARE, _USD, "share_of_nato_total_pct", "estimate",
            *[c for c in table.columns if c.startswith("meets_")], "is_aggregate", "year", "edition"]
    return out[cols]


def _count(frame: pd.DataFrame, edition: str, year: int, allies: set[str], threshold: float
           ) -> tuple[int, int]:
    rows = frame.loc[(frame["edition"] == edition) & (frame["year"] == int(year))
                     & (frame["indicator"] == _SHARE) & frame["iso3"].isin(allies)
                     & frame["value"].notna()]
    return int((rows["value"] >= float(threshold)).sum()), len(rows)


def key_figures(
    year: int,
    edition: str,
    target_pct: float = 2.0,
    core_target_pct: float = 3.5,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """The opening figures of the burden-sharing report, one row per figure.

    Columns: figure, value (number), unit, n_reported (denominator of counts), n_allies,
    year, year_label ("2026e" for estimates), edition. Rows: Allies at or above
    ``target_pct`` and ``core_target_pct``; NATO total and European Allies + Canada as
    share of GDP and in US$; the same counts and shares for 2014 in the same edition
    (the Wales baseline) where it has them.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    info = edition_catalogue.describe(edition, data=data)
    rows: list[dict[str, object]] = []

    def add(figure: str, value: float, unit: str, when: int, n_reported: int | None = None,
            n_allies: int | None = None) -> None:
        rows.append({"figure": figure, "value": value, "unit": unit, "n_reported": n_reported,
                     "n_allies": n_allies, "year": int(when), "year_label": info.year_label(when),
                     "edition": edition})

    years = [int(year)]
    if 2014 in info.years and int(year) != 2014:
        years.append(2014)  # the Wales pledge baseline, in the same edition
    for when in years:
        allies = set(allies_in_year(when, data=data))
        for threshold in (target_pct, core_target_pct):
            n, reported = _count(frame, edition, when, allies, threshold)
            add(f"Allies at or above {threshold:g}% of GDP", n, "Allies", when, reported, len(allies))
        for code, name in AGGREGATES.items():
            add(f"{name}, share of GDP", _aggregate_value(frame, edition, when, code, _SHARE),
                "% of GDP", when)
            add(f"{name}, defence expenditure",
                _aggregate_value(frame, edition, when, code, _USD) / 1000,
                "US$ billion, current prices", when)
    out = pd.DataFrame(rows)
    out["n_reported"] = out["n_reported"].astype("Int64")
    out["n_allies"] = out["n_allies"].astype("Int64")
    return out


def definition_comparison(
    year: int | None = None,
    *,
    old: str | None = None,
    new: str | None = None,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Each Ally's share of GDP under NATO's earlier definition and under core, side by side.

    ``new`` = the latest core edition, ``old`` = the latest edition on the NATO definition
    (today July 2026 and August 2025). Years: every year both report for at least one Ally
    (or just ``year``). Columns: iso3, country, year, year_label_old, year_label_new,
    share_old_pct, share_new_pct, difference_pp (new − old), old_edition, new_edition.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    old, new = _definition_pair(old, new, data)
    described_old = edition_catalogue.describe(old, data=data)
    described_new = edition_catalogue.describe(new, data=data)
    shared = sorted(set(described_old.years) & set(described_new.years))
    if year is not None:
        shared = [y for y in shared if y == int(year)]
    names = data["countries"]
    name_of = dict(zip(names["iso3"].astype(str), names["name"].astype(str), strict=False))
    rows = []
    for when in shared:
        allies = allies_in_year(when, data=data)
        pick = frame.loc[(frame["year"] == when) & (frame["indicator"] == _SHARE)
                         & frame["value"].notna()]
        old_v = pick.loc[pick["edition"] == old].set_index("iso3")["value"]
        new_v = pick.loc[pick["edition"] == new].set_index("iso3")["value"]
        for code in allies:
            if code not in old_v.index and code not in new_v.index:
                continue
            rows.append({"iso3": code, "country": name_of.get(code, code), "year": when,
                         "year_label_old": described_old.year_label(when),
                         "year_label_new": described_new.year_label(when),
                         "share_old_pct": float(old_v.get(code, float("nan"))),
                         "share_new_pct": float(new_v.get(code, float("nan")))})
    out = pd.DataFrame(rows, columns=["iso3", "country", "year", "year_label_old", "year_label_new",
                                      "share_old_pct", "share_new_pct"])
    out["difference_pp"] = out["share_new_pct"] - out["share_old_pct"]
    out["old_edition"] = old
    out["new_edition"] = new
    return out.sort_values(["year", "difference_pp", "country"],
                           ascending=[False, True, True], na_position="last").reset_index(drop=True)


def _definition_pair(old: str | None, new: str | None, data: Frames) -> tuple[str, str]:
    order = edition_catalogue.order(data=data)
    described = {ed: edition_catalogue.describe(ed, data=data) for ed in order}
    core = [ed for ed in order if described[ed].core]
    if new is None:
        if not core:
            raise ValueError("No edition in the data reports core defence expenditure")
        new = core[-1]
    if old is None:
        earlier = [ed for ed in order if not described[ed].core and ed < new
                   and set(described[ed].years) & set(described[new].years)]
        if not earlier:
            raise ValueError(f"No NATO-definition edition shares a year with edition {new}")
        old = earlier[-1]
    return (edition_catalogue.check(old, data=data), edition_catalogue.check(new, data=data))


def definition_counts(comparison: pd.DataFrame, threshold: float = 2.0) -> pd.DataFrame:
    """Per year of a :func:`definition_comparison`: Allies at ``threshold`` under each definition.

    Counts are over the Allies with a figure in **both** editions (``n_both``), so the
    two numbers differ only by definition and revision, not by coverage; the totals
    each edition reports are in ``n_reported_old`` / ``n_reported_new``. Columns: year,
    year_label_old, year_label_new, n_both, n_at_target_old, n_at_target_new,
    n_reported_old, n_reported_new.
    """
    rows = []
    for when, group in comparison.groupby("year", sort=True):
        old, new = group["share_old_pct"], group["share_new_pct"]
        both = old.notna() & new.notna()
        rows.append({
            "year": int(when),
            "year_label_old": group["year_label_old"].iloc[0],
            "year_label_new": group["year_label_new"].iloc[0],
            "n_both": int(both.sum()),
            "n_at_target_old": int((old[both] >= threshold).sum()),
            "n_at_target_new": int((new[both] >= threshold).sum()),
            "n_reported_old": int(old.notna().sum()),
            "n_reported_new": int(new.notna().sum()),
        })
    return pd.DataFrame(rows, columns=["year", "year_label_old", "year_label_new", "n_both",
                                       "n_at_target_old", "n_at_target_new", "n_reported_old",
                                       "n_reported_new"])


def target_year(target_id: str, *, data: Frames | None = None) -> int | None:
    """The year by which a target of the ``targets`` data is due (wales_2pct → 2024); None if open-ended."""
    table = (data or Frames())["targets"]
    rows = table.loc[table["target_id"].astype(str) == str(target_id)]
    if rows.empty:
        valid = ", ".join(sorted(table["target_id"].astype(str)))
        raise ValueError(f"Unknown target {target_id!r}. Valid targets: {valid}")
    value = rows["target_year"].iloc[0]
    return None if pd.isna(value) else int(value)


def target_for_path(
    year: int,
    target_pct: float,
    core_target_pct: float,
    core_target_year: int,
    *,
    data: Frames | None = None,
) -> tuple[float, int, str]:
    """The target still ahead of ``year``: (threshold, target year, target id).

    Before the Wales target year (2024 in ``targets``), the path leads to the 2%
    guideline by 2024; from then on, to the core target by ``core_target_year``. Each
    threshold is paired with its own year, never 3.5% with 2024.
    """
    wales_year = target_year("wales_2pct", data=data)
    if wales_year is not None and int(year) < wales_year:
        return float(target_pct), wales_year, "wales_2pct"
    return float(core_target_pct), int(core_target_year), "hague_core_3_5pct"


def hague_path(
    base_year: int,
    edition: str,
    target_pct: float,
    target_year: int,
    related_pct: float | None = 1.5,
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """The straight path from ``base_year`` to ``target_pct`` by ``target_year``, in points and US$.

    :func:`natolab.metrics.required_annual_increase` plus, from the same edition's GDP
    (:func:`natolab.metrics.gap_to_target`): ``gap_usd_current_m`` = the gap in US$ at
    the base year's GDP, and ``related_usd_current_m`` = what ``related_pct`` of that
    GDP is (The Hague's up-to-1.5% of defence- and security-related spending).
    """
    data = data or Frames()
    path = required_annual_increase(target_pct, target_year, base_year=base_year, edition=edition, data=data)
    gap = gap_to_target(base_year, target_pct, edition=edition, data=data).set_index("iso3")
    path["gdp_used_usd_current_m"] = path["iso3"].map(gap["gdp_used_usd_current_m"])
    path["gap_usd_current_m"] = path["iso3"].map(gap["gap_usd_current_m"])
    if related_pct is not None:
        path["related_pct"] = float(related_pct)
        path["related_usd_current_m"] = path["gdp_used_usd_current_m"] * float(related_pct) / 100
    return path


def previous_edition_count(
    edition: str,
    target_pct: float = 2.0,
    year: int | None = None,
    *,
    data: Frames | None = None,
) -> dict[str, object] | None:
    """The count at ``target_pct`` in the edition before ``edition``, for ``year`` (if both report
    it) or else the latest year both report; earlier editions are tried in turn.

    Keys: year, previous (edition), n_at_target_previous, n_reported_previous,
    n_at_target, n_reported (this edition, same year), n_allies, year_label_previous,
    year_label. None when there is no earlier edition sharing a year.
    """
    data = data or Frames()
    frame = expenditure_table(data)
    prev = edition_catalogue.previous(edition, data=data)
    this = edition_catalogue.describe(edition, data=data)
    while prev is not None:
        before = edition_catalogue.describe(prev, data=data)
        shared = sorted(set(before.years) & set(this.years))
        if shared:
            when = int(year) if year is not None and int(year) in shared else shared[-1]
            allies = set(allies_in_year(when, data=data))
            n_prev, rep_prev = _count(frame, prev, when, allies, target_pct)
            n_this, rep_this = _count(frame, edition, when, allies, target_pct)
            return {"year": when, "previous": prev, "n_at_target_previous": n_prev,
                    "n_reported_previous": rep_prev, "n_at_target": n_this,
                    "n_reported": rep_this, "n_allies": len(allies),
                    "year_label_previous": before.year_label(when),
                    "year_label": this.year_label(when)}
        prev = edition_catalogue.previous(prev, data=data)
    return None


def section_source(
    indicator: str,
    year: int,
    edition: str,
    *,
    data: Frames | None = None,
) -> tuple[str, int] | None:
    """(edition, year) a report section on ``indicator`` uses: one edition, complete.

    ``edition``'s ``year`` when it reports ``indicator`` for every Ally that any edition
    reports a share of GDP for in that year; else the latest other edition that does for
    that year; else the latest earlier year for which one does (``edition`` first).
    Editions on the same definition as ``edition`` are tried before the others. The
    section then names the edition and year it uses instead. None when no edition is
    complete for any year up to ``year`` (the section says so instead of a chart).
    """
    data = data or Frames()
    frame = expenditure_table(data)
    order = edition_catalogue.order(data=data)
    edition = edition_catalogue.check(edition, data=data)
    candidates = [edition, *[ed for ed in reversed(order) if ed != edition]]
    values = frame.loc[frame["value"].notna()]
    shares = values.loc[values["indicator"] == _SHARE]
    wanted = values.loc[values["indicator"] == indicator]
    years = sorted({int(y) for y in wanted["year"] if int(y) <= int(year)}, reverse=True)
    core = {ed: edition_catalogue.describe(ed, data=data).core for ed in candidates}
    same_definition = [ed for ed in candidates if core[ed] == core[edition]]
    for pool in (same_definition, candidates):  # keep the definition before keeping the year
        for when in years:
            allies = set(allies_in_year(when, data=data))
            required = set(shares.loc[shares["year"] == when, "iso3"]) & allies
            rows = wanted.loc[wanted["year"] == when]
            for ed in pool:
                have = set(rows.loc[rows["edition"] == ed, "iso3"]) & allies
                if required and have >= required:
                    return ed, when
    return None


def aggregate_edition(
    edition: str,
    *,
    data: Frames | None = None,
) -> str | None:
    """``edition`` if it has European Allies and Canada in US$ for any year, else the latest that does.

    None when no edition has the aggregate (the section then says so instead of a chart).
    """
    data = data or Frames()
    frame = expenditure_table(data)
    rows = frame.loc[(frame["iso3"] == "NATO_EUROPE_CANADA") & (frame["indicator"] == _USD)
                     & frame["value"].notna()]
    having = set(rows["edition"].astype(str))
    if edition in having:
        return edition
    order = edition_catalogue.order(data=data)
    later = [ed for ed in order if ed in having]
    return later[-1] if later else None
