"""EU–NATO: who belongs to both, the milestones of their cooperation, and EU vs non-EU Allies' spending.

"EU" means the EEC/EC/EU of the day (``eu_membership`` records entry into the EEC,
EC or EU and the United Kingdom's exit). Resources come from one keyword-only ``data``
(:class:`~natolab.metrics.frames.Frames`; ``None`` = the bundled resources).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from natolab.dates import TREATY_SIGNED, DateLike, to_timestamp
from natolab.metrics.frames import Frames, country_names, join_names, name_of
from natolab.metrics.membership import eu_members_on, members_on
from natolab.metrics.periods import add_period_columns
from natolab.metrics.spending_editions import default_edition

__all__ = [
    "CONTEXT_EVENT_TYPES",
    "EU_STATUSES",
    "OVERLAP_GROUPS",
    "EUSpending",
    "common_set_actions",
    "common_set_areas",
    "eu_nato_milestones",
    "eu_nato_overlap",
    "eu_spending_on",
    "eu_spending_year",
    "overlap_by_country",
    "overlap_timeline",
    "spending_by_eu_status",
    "spending_eu_status_by_country",
]

#: The three groups of the union of NATO and EU members, in display order.
OVERLAP_GROUPS = ("NATO and EU", "NATO only", "EU only")
#: EU status of an Ally in the spending comparison, in display order.
EU_STATUSES = ("EU member", "not in the EU")
_SHARE = "share_of_gdp_pct"


def overlap_by_country(date: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Every country in NATO or the EU on ``date``: iso3, country, nato_member, eu_member, group."""
    day = to_timestamp(date, "date")
    data = data or Frames()
    allies = set(members_on(day, data=data)["iso3"])
    eu = set(eu_members_on(day, data=data)["iso3"])
    names = country_names(data)
    rows = []
    for code in sorted(allies | eu):
        in_nato, in_eu = code in allies, code in eu
        group = OVERLAP_GROUPS[0] if in_nato and in_eu else OVERLAP_GROUPS[1 if in_nato else 2]
        rows.append(
            {
                "iso3": code,
                "country": name_of(code, names),
                "nato_member": in_nato,
                "eu_member": in_eu,
                "group": group,
            }
        )
    out = pd.DataFrame(rows, columns=["iso3", "country", "nato_member", "eu_member", "group"])
    out["group"] = pd.Categorical(out["group"], categories=list(OVERLAP_GROUPS), ordered=True)
    return out.sort_values(["group", "country"], kind="stable").reset_index(drop=True)


def eu_nato_overlap(date: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Both / NATO-only / EU-only on ``date``: group, n_countries, countries (readable names).

    Always three rows, in the order of :data:`OVERLAP_GROUPS` (a group may count 0).
    """
    detail = overlap_by_country(date, data=data)
    rows = []
    for group in OVERLAP_GROUPS:
        names = sorted(detail.loc[detail["group"] == group, "country"])
        rows.append({"group": group, "n_countries": len(names), "countries": ", ".join(names)})
    return pd.DataFrame(rows, columns=["group", "n_countries", "countries"])


def overlap_timeline(
    start: DateLike = TREATY_SIGNED, end: DateLike = None, *, data: Frames | None = None
) -> pd.DataFrame:
    """Yearly counts of the three groups, on 31 December of each year from ``start`` to ``end``.

    The last row is taken on ``end`` itself (``None`` = the data's date). Columns: date, year,
    nato_and_eu, nato_only, eu_only, n_allies, n_eu_members.
    """
    first = to_timestamp(start, "start")
    last = to_timestamp(end, "end")
    if last < first:
        raise ValueError(f"end: {last.date()} is before start {first.date()}")
    days = [pd.Timestamp(year=y, month=12, day=31) for y in range(first.year, last.year)]
    days.append(last)
    data = data or Frames()
    rows = []
    for day in days:
        detail = overlap_by_country(day, data=data)
        counts = detail["group"].value_counts()
        rows.append(
            {
                "date": day,
                "year": day.year,
                "nato_and_eu": int(counts.get(OVERLAP_GROUPS[0], 0)),
                "nato_only": int(counts.get(OVERLAP_GROUPS[1], 0)),
                "eu_only": int(counts.get(OVERLAP_GROUPS[2], 0)),
                "n_allies": int(detail["nato_member"].sum()),
                "n_eu_members": int(detail["eu_member"].sum()),
            }
        )
    out = pd.DataFrame(rows)
    out["date"] = pd.to_datetime(out["date"])
    return out


#: eu_nato rows that are EU decisions recorded as context for EU-NATO cooperation, not milestones of it.
CONTEXT_EVENT_TYPES = ("eu_initiative_context",)


def eu_nato_milestones(
    as_of: DateLike = None,
    *,
    include_undated: bool = False,
    include_context: bool = False,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Declarations, common sets of proposals, progress reports and high-level meetings known by ``as_of``.

    Sources often give only a month ("2017-06"); such an event counts once its whole
    month is over, and is plotted on the first day of its period (``date``). Rows with
    no date at all (the tenth progress report) are left out unless ``include_undated``;
    EU initiatives recorded as context (:data:`CONTEXT_EVENT_TYPES`) unless ``include_context``.
    Columns: event_id, date, date_label, date_precision, event_type, number, title,
    n_actions, flags.
    """
    day = to_timestamp(as_of, "as_of")
    table = (data or Frames()).checked("eu_nato", ["date", "event_type", "title"])
    table = table.copy()
    if not include_context:
        table = table.loc[~table["event_type"].astype(str).isin(CONTEXT_EVENT_TYPES)]
    table["date_label"] = [
        "" if pd.isna(v) else (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)) for v in table["date"]
    ]
    table = add_period_columns(table, "date_label", "period")
    known = table["period_last"] <= day
    if include_undated:
        known |= table["period_first"].isna()
    out = table.loc[known].copy()
    out["date"] = out["period_first"]
    for column in ("event_id", "date_precision", "number", "n_actions", "flags"):
        if column not in out.columns:
            out[column] = pd.NA
    out["event_type"] = out["event_type"].astype(str)
    columns = [
        "event_id", "date", "date_label", "date_precision", "event_type", "number", "title",
        "n_actions", "flags",
    ]  # fmt: skip
    return out.sort_values("date", kind="stable", na_position="last")[columns].reset_index(drop=True)


def common_set_actions(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """The batches of the EU–NATO common set of proposals endorsed by ``as_of``, with their totals.

    One row per batch (2016: 42, 2017: 32): batch, endorsement_date, n_actions,
    n_actions_status, cumulative_actions. Per-area counts are not used: the sources
    give them for one area only.
    """
    day = to_timestamp(as_of, "as_of")
    table = (data or Frames()).checked("eu_nato_actions", ["batch", "endorsement_date", "area", "n_actions"])
    totals = table.loc[table["area"].astype(str).str.upper() == "TOTAL"].copy()
    # The "combined" row restates 42 + 32 from a source; the batches are what happened when.
    totals = totals.loc[~totals["batch"].astype(str).str.lower().str.startswith("combined")]
    totals["endorsement_date"] = pd.to_datetime(totals["endorsement_date"], errors="coerce")
    totals = totals.loc[totals["endorsement_date"] <= day].sort_values("endorsement_date")
    if "n_actions_status" not in totals.columns:
        totals["n_actions_status"] = pd.NA
    totals["n_actions"] = pd.to_numeric(totals["n_actions"]).astype("Int64")
    totals["cumulative_actions"] = totals["n_actions"].cumsum()
    columns = ["batch", "endorsement_date", "n_actions", "n_actions_status", "cumulative_actions"]
    return totals[columns].reset_index(drop=True)


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(year=int(year), month=12, day=31)


def eu_spending_year(as_of: DateLike = None, *, data: Frames | None = None) -> int | None:
    """The latest year up to ``as_of``'s year with NATO share-of-GDP figures (None if none).

    Figures for a year are published later (estimates in June of that year), so for a
    past ``as_of`` the values shown come from editions published after it.
    """
    day = to_timestamp(as_of, "as_of")
    table = (data or Frames())["defence_expenditure"]
    years = table.loc[(table["indicator"].astype(str) == _SHARE) & table["value"].notna(), "year"]
    years = sorted({int(y) for y in years if int(y) <= day.year})
    return years[-1] if years else None


def _one_edition(year: int, edition: str | None, data: Frames) -> tuple[str, pd.DataFrame]:
    """Resolve ``edition`` ("latest" = default_edition of the year) and keep its rows only."""
    table = data.checked("defence_expenditure", ["edition", "iso3", "year", "indicator", "value"])
    if edition in (None, "latest"):
        edition = default_edition(int(year), data=data)
    known = sorted(set(table["edition"].astype(str)))
    if str(edition) not in known:
        raise ValueError(f"edition: unknown edition {edition!r}. Valid editions: latest, {', '.join(known)}")
    rows = table.loc[table["edition"].astype(str) == str(edition)].copy()
    rows["indicator"] = rows["indicator"].astype(str)
    if "estimate" not in rows.columns:
        rows["estimate"] = pd.NA
    return str(edition), rows


def spending_eu_status_by_country(
    year: int,
    edition: str | None = "latest",
    *,
    data: Frames | None = None,
) -> pd.DataFrame:
    """Each Ally's defence expenditure as a share of GDP in ``year``, from one edition, with its EU status.

    ``edition="latest"`` is :func:`natolab.metrics.default_edition` of the year
    (the latest edition complete for it) — never a patchwork of editions. Allies and
    EU status are taken on 31 December of ``year``, spending from the
    ``defence_expenditure`` resource (all editions). Columns: iso3, country, eu_member,
    eu_status, share_of_gdp_pct, estimate, edition. An Ally with no figure (Iceland
    has no armed forces) keeps a row with a blank share.
    """
    data = data or Frames()
    edition, table = _one_edition(year, edition, data)
    day = _year_end(year)
    allies = members_on(day, data=data)
    eu = set(eu_members_on(day, data=data)["iso3"])
    share = table.loc[
        (table["year"].astype(int) == int(year)) & (table["indicator"] == _SHARE),
        ["iso3", "value", "estimate"],
    ].rename(columns={"value": "share_of_gdp_pct"})
    share = share.dropna(subset=["share_of_gdp_pct"]).drop_duplicates("iso3")
    out = allies[["iso3", "country"]].merge(share, on="iso3", how="left")
    out["eu_member"] = out["iso3"].isin(eu)
    out["eu_status"] = out["eu_member"].map({True: EU_STATUSES[0], False: EU_STATUSES[1]})
    out["edition"] = edition
    out = out.sort_values(["share_of_gdp_pct", "country"], ascending=[False, True], na_position="last")
    columns = ["iso3", "country", "eu_member", "eu_status", "share_of_gdp_pct", "estimate", "edition"]
    return out[columns].reset_index(drop=True)


def spending_by_eu_status(
    year: int, edition: str | None = "latest", *, data: Frames | None = None
) -> pd.DataFrame:
    """EU vs non-EU Allies' defence spending as a share of GDP in ``year``, from one ``edition``.

    Rows "EU member" and "not in the EU". Columns: eu_status, n_allies, n_with_data,
    mean_share_of_gdp_pct and median_share_of_gdp_pct (unweighted, over Allies with a
    figure), weighted_share_of_gdp_pct (group defence expenditure / group GDP, both in
    constant US$ of the edition; blank where the edition has no such figures),
    n_at_or_above_2pct, countries_without_data, edition.
    """
    data = data or Frames()
    edition, table = _one_edition(year, edition, data)
    detail = spending_eu_status_by_country(year, edition, data=data)
    weighted = _weighted_shares(table, year, detail)
    rows = []
    for status in EU_STATUSES:
        group = detail.loc[detail["eu_status"] == status]
        with_data = group.dropna(subset=["share_of_gdp_pct"])
        shares = with_data["share_of_gdp_pct"]
        rows.append(
            {
                "eu_status": status,
                "n_allies": len(group),
                "n_with_data": len(with_data),
                "mean_share_of_gdp_pct": shares.mean() if len(shares) else float("nan"),
                "median_share_of_gdp_pct": shares.median() if len(shares) else float("nan"),
                "weighted_share_of_gdp_pct": weighted.get(status, float("nan")),
                "n_at_or_above_2pct": int((shares >= 2.0).sum()),
                "countries_without_data": join_names(sorted(group.loc[group["share_of_gdp_pct"].isna(), "country"])),
                "edition": edition,
            }
        )
    return pd.DataFrame(rows)


def _weighted_shares(table: pd.DataFrame, year: int, detail: pd.DataFrame) -> dict[str, float]:
    """Group share of GDP = sum of defence expenditure / sum of GDP, constant US$, one edition."""
    wanted = ["defence_expenditure_usd_constant_m", "gdp_usd_constant_m"]
    rows = table.loc[(table["year"].astype(int) == int(year)) & table["indicator"].isin(wanted)]
    if rows.empty or len(set(rows["edition"].astype(str))) != 1:
        return {}
    wide = rows.pivot_table(index="iso3", columns="indicator", values="value", aggfunc="first")
    if not set(wanted) <= set(wide.columns):
        return {}
    wide = wide.dropna(subset=wanted)
    status = dict(zip(detail["iso3"], detail["eu_status"], strict=True))
    wide["eu_status"] = wide.index.map(status)
    # Only Allies with a share figure count, so the weighted and unweighted rows cover the same set.
    reported = set(detail.dropna(subset=["share_of_gdp_pct"])["iso3"])
    wide = wide.loc[wide.index.isin(reported)].dropna(subset=["eu_status"])
    sums = wide.groupby("eu_status")[wanted].sum()
    return {
        str(group): float(100 * row[wanted[0]] / row[wanted[1]]) for group, row in sums.iterrows() if row[wanted[1]] > 0
    }


def common_set_areas(*, data: Frames | None = None) -> pd.DataFrame:
    """The areas of the common set with their action counts where a source gives one.

    Columns: batch, area, n_actions (blank where no source gives a count), n_actions_status.
    Most per-area counts are not in the stored sources and stay blank: never imputed.
    """
    table = (data or Frames()).checked("eu_nato_actions", ["batch", "area", "n_actions"])
    areas = table.loc[table["area"].astype(str).str.upper() != "TOTAL"].copy()
    if "n_actions_status" not in areas.columns:
        areas["n_actions_status"] = pd.NA
    areas["n_actions"] = pd.to_numeric(areas["n_actions"]).astype("Int64")
    areas["n_actions_status"] = areas["n_actions_status"].astype("object")
    return areas[["batch", "area", "n_actions", "n_actions_status"]].reset_index(drop=True)


@dataclass(frozen=True)
class EUSpending:
    """EU vs non-EU Allies' spending for the notebook: the year and edition used, and both tables."""

    year: int | None
    edition: str | None
    definition: str
    summary: pd.DataFrame
    detail: pd.DataFrame


def eu_spending_on(as_of: DateLike = None, *, data: Frames | None = None) -> EUSpending:
    """EU vs non-EU spending for the latest year up to ``as_of`` in the default edition of that year.

    With no NATO figure for any year up to ``as_of`` the year is None and the tables are empty.
    """
    data = data or Frames()
    year = eu_spending_year(as_of, data=data)
    if year is None:
        return EUSpending(None, None, "", pd.DataFrame(), pd.DataFrame())
    summary = spending_by_eu_status(year, "latest", data=data)
    edition = str(summary["edition"].iloc[0])
    detail = spending_eu_status_by_country(year, edition, data=data)
    catalogue = data["editions"]
    match = catalogue.loc[catalogue["edition"].astype(str) == edition]
    definition = str(match["definition"].iloc[0]) if "definition" in match.columns and len(match) else ""
    return EUSpending(year, edition, definition, summary, detail)
