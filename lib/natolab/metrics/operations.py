"""Crisis management and partnerships: operations on a date, KFOR strength, eFP battlegroups, partners,
aspirants, DCB partners.

Many dates in these sources are partial ("2008-10", "2017"). A partial date stands
for its whole period: an operation whose start is "2017" is counted as started from
1 January 2017, and the row says its date is uncertain. Resources come from one
keyword-only ``data`` (:class:`~natolab.metrics.frames.Frames`; ``None`` = the bundled resources).
"""

from __future__ import annotations

import pandas as pd

from natolab import countries
from natolab.dates import DateLike, to_timestamp
from natolab.metrics.frames import Frames, country_names, join_names, name_of, split_codes
from natolab.metrics.periods import add_period_columns, date_label

__all__ = [
    "GRADE_ORDER",
    "aspirants",
    "dcb_partners",
    "kfor_strength",
    "operations_active_on",
    "operations_timeline",
    "partners_by_framework",
    "partners_joined_by_year",
    "partners_on",
]

#: Source grades of SOURCES.md, best first; a row's grade is the best of its sources.
GRADE_ORDER = ("official", "reprint", "secondary", "low")


def _labels(values: pd.Series) -> list[str]:
    """Partial-date labels as written in the source ("2008-10"); dates as YYYY-MM-DD; blank as ''."""
    return [date_label(value) for value in values]


def _operations(data: Frames) -> pd.DataFrame:
    table = data.checked("operations", ["name", "short_name", "start_date", "end_date", "status"])
    table = table.copy()
    table["start_label"] = _labels(table["start_date"])
    table["end_label"] = _labels(table["end_date"])
    table = add_period_columns(table, "start_label", "start")
    return add_period_columns(table, "end_label", "end")


def _status_on(row: pd.Series, day: pd.Timestamp) -> str:
    if pd.notna(row["end_last"]) and row["end_last"] < day:
        return "ended"
    if pd.isna(row["end_last"]) and str(row["status"]) != "ongoing":
        # Source has no end date and does not say the operation continues (the Aegean activity).
        return "active (end not recorded)"
    return "active"


def operations_timeline(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Operations and missions started by ``as_of``, with their span as seen on ``as_of``.

    Columns: name, short_name, operation_type, theatre, start, end (NaT if open), start_label,
    end_label, bar_end (end, or ``as_of`` for what was still running), status_on_date
    ("ended", "active", "active (end not recorded)"), dates_uncertain.
    """
    day = to_timestamp(as_of, "as_of")
    table = _operations(data or Frames())
    table = table.loc[table["start_first"] <= day].copy()
    table["start"] = table["start_first"]
    table["end"] = table["end_last"]
    table["bar_end"] = table["end_last"].where(table["end_last"] < day, day)
    table["status_on_date"] = [_status_on(row, day) for _, row in table.iterrows()]
    end_uncertain = table["end_first"].notna() & (table["end_first"] != table["end_last"])
    table["dates_uncertain"] = (table["start_first"] != table["start_last"]) | end_uncertain
    for column in ("operation_type", "theatre"):
        if column not in table.columns:
            table[column] = ""
    columns = [
        "name", "short_name", "operation_type", "theatre", "start", "end", "start_label", "end_label",
        "bar_end", "status_on_date", "dates_uncertain",
    ]  # fmt: skip
    return table.sort_values(["start", "name"], kind="stable")[columns].reset_index(drop=True)


def operations_active_on(date: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Operations and missions running on ``date`` (started and not ended); same columns as the timeline.

    Where a start or end is only a month or a year, the whole period counts and
    ``dates_uncertain`` says so.
    """
    timeline = operations_timeline(date, data=data)
    return timeline.loc[timeline["status_on_date"] != "ended"].reset_index(drop=True)


def _normalise_grade(grade: object) -> str:
    """'official copy' -> 'official', 'reprint/secondary' -> 'reprint'; blank -> ''."""
    if grade is None or (not isinstance(grade, str) and pd.isna(grade)):
        return ""
    text = str(grade).strip().lower()
    for word in text.replace("/", " ").split():
        if word in GRADE_ORDER:
            return word
    return ""


def _best_grade(source_ids: object, grades: dict[str, str]) -> str:
    """Best grade among a row's ';'-separated source ids; 'not graded' if none has one."""
    if source_ids is None or (not isinstance(source_ids, str) and pd.isna(source_ids)):
        return "not graded"
    found = {grades.get(s.strip(), "") for s in str(source_ids).split(";")}
    ranked = [g for g in GRADE_ORDER if g in found]
    return ranked[0] if ranked else "not graded"


def _grades(data: Frames) -> dict[str, str]:
    table = data.checked("references", ["source_id", "grade"])
    return {str(k): _normalise_grade(v) for k, v in zip(table["source_id"], table["grade"], strict=True)}


def kfor_strength(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """KFOR troop figures dated by ``as_of``, each with the grade of its best source.

    A figure dated only by month or year counts once its period has begun and is
    plotted on the first day of that period. ``low_grade`` is true where the best
    source is graded "low" in SOURCES.md (blogs, wiki copies): show such points
    differently. Columns: date, date_label, troops, figure_kind (exact, approx,
    lower_bound, upper_bound), n_contributing_nations, source_grade, low_grade,
    flags, source_ids.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("kfor_strength", ["date", "kfor_troops", "source_ids"])
    grades = _grades(data)
    table = table.copy()
    table["date_label"] = _labels(table["date"])
    table = add_period_columns(table, "date_label", "period")
    table = table.loc[table["period_first"] <= day].copy()
    table["date"] = table["period_first"]
    table["troops"] = table["kfor_troops"]
    table["source_grade"] = [_best_grade(s, grades) for s in table["source_ids"]]
    table["low_grade"] = table["source_grade"] == "low"
    for column in ("figure_kind", "n_contributing_nations", "flags"):
        if column not in table.columns:
            table[column] = pd.NA
    table["figure_kind"] = table["figure_kind"].astype("object")
    columns = [
        "date", "date_label", "troops", "figure_kind", "n_contributing_nations",
        "source_grade", "low_grade", "flags", "source_ids",
    ]  # fmt: skip
    return table.sort_values("date", kind="stable")[columns].reset_index(drop=True)


def _dated(table: pd.DataFrame, column: str) -> pd.DataFrame:
    out = table.copy()
    out["date_label"] = _labels(out[column])
    return add_period_columns(out, "date_label", "joined")


def _framework_names(data: Frames) -> dict[str, str]:
    table = data.checked("partnership_frameworks", ["framework", "name"])
    return dict(zip(table["framework"].astype(str), table["name"].astype(str), strict=True))


def partners_on(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Today's partner listings whose joining date is on or before ``as_of``, plus undated ones.

    The sources list *current* partners only: countries that were partners and later
    became Allies (Finland, Sweden, ...) are not in them, so for a past ``as_of`` this
    is "today's partners that had already joined", not the partnership of that day.
    Columns: framework (code), framework_name, iso3, country, date_joined (as the
    source gives it), joined (first day of that period), date_known, status,
    partnership_suspended (the source marks the partnership suspended today; it gives no
    date, so this is today's state whatever ``as_of``).
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("partners", ["iso3", "framework", "date_joined"])
    names = country_names(data)
    frameworks = _framework_names(data)
    table = _dated(table, "date_joined")
    table["date_known"] = table["joined_first"].notna()
    table = table.loc[~table["date_known"] | (table["joined_first"] <= day)].copy()
    table["country"] = [name_of(c, names) for c in table["iso3"]]
    table["joined"] = table["joined_first"]
    table["date_joined"] = table["date_label"]
    table["framework"] = table["framework"].astype(str)
    table["framework_name"] = [frameworks.get(f, f) for f in table["framework"]]
    if "status" not in table.columns:
        table["status"] = ""
    suspended = table["partnership_suspended"] if "partnership_suspended" in table.columns else False
    table["partnership_suspended"] = pd.Series(suspended, index=table.index).fillna(False).astype(bool)
    columns = [
        "framework", "framework_name", "iso3", "country", "date_joined", "joined",
        "date_known", "status", "partnership_suspended",
    ]  # fmt: skip
    order = {code: i for i, code in enumerate(frameworks)}
    table["_order"] = table["framework"].map(order)
    table = table.sort_values(["_order", "joined", "country"], kind="stable")
    return table[columns].reset_index(drop=True)


def partners_by_framework(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Partners per framework on ``as_of``, in catalogue order of the frameworks.

    Columns: framework, framework_name, n_partners (joined by ``as_of``),
    n_date_unknown, first_joined, countries, countries_date_unknown, countries_suspended
    (partners counted here whose partnership the source marks suspended today).
    ``n_date_unknown`` counts today's partners with no joining date in the sources
    (Afghanistan, Pakistan): they cannot be placed in time and are not in ``n_partners``.
    """
    listed = partners_on(as_of, data=data)
    rows = []
    for framework, group in listed.groupby("framework", sort=False):
        dated = group.loc[group["date_known"]]
        undated = group.loc[~group["date_known"]]
        rows.append(
            {
                "framework": framework,
                "framework_name": group["framework_name"].iloc[0],
                "n_partners": len(dated),
                "n_date_unknown": len(undated),
                "first_joined": dated["joined"].min(),
                "countries": ", ".join(sorted(dated["country"])),
                "countries_date_unknown": join_names(sorted(undated["country"])),
                "countries_suspended": join_names(sorted(group.loc[group["partnership_suspended"], "country"])),
            }
        )
    columns = [
        "framework", "framework_name", "n_partners", "n_date_unknown", "first_joined",
        "countries", "countries_date_unknown", "countries_suspended",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    out["first_joined"] = pd.to_datetime(out["first_joined"])
    return out


def partners_joined_by_year(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Number of today's partners that joined each framework in each year, up to ``as_of``.

    Columns: year, framework, framework_name, n_joined. Undated partners are left out.
    """
    listed = partners_on(as_of, data=data)
    dated = listed.loc[listed["date_known"]].copy()
    dated["year"] = dated["joined"].dt.year.astype(int)
    out = dated.groupby(["year", "framework", "framework_name"], sort=False).size().rename("n_joined").reset_index()
    return out.sort_values(["year", "framework"], kind="stable").reset_index(drop=True)


def aspirants(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Countries aspiring to membership on ``as_of``: milestone on or before it, not yet Allies.

    The aspirants table records today's aspirants (Bosnia and Herzegovina, Georgia,
    Ukraine) with the milestone that opened their path (Bucharest 2008, MAP 2010).
    Columns: iso3, country, since (the milestone date as the source gives it),
    milestone, status, map_status, application_date.
    """
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("aspirants", ["iso3", "milestone_date", "status"])
    names = country_names(data)
    table = _dated(table, "milestone_date")
    table = table.loc[table["joined_first"] <= day].copy()
    table = table.loc[~table["iso3"].isin(countries.allies(day, data=data))]
    table["country"] = [name_of(c, names) for c in table["iso3"]]
    table["since"] = table["date_label"]
    for column in ("milestone", "map_status", "application_date"):
        if column not in table.columns:
            table[column] = pd.NA
    table["application_date"] = pd.to_datetime(table["application_date"])
    # An application filed after as_of had not happened yet on that day.
    table.loc[table["application_date"] > day, "application_date"] = pd.NaT
    columns = ["iso3", "country", "since", "milestone", "status", "map_status", "application_date"]
    return table.sort_values(["joined_first", "country"], kind="stable")[columns].reset_index(drop=True)


def dcb_partners(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Today's Defence and Related Security Capacity Building (DCB) partners whose package had begun by
    ``as_of``, those whose start year was not found, and requests without a package (Libya).

    A start year counts from its first day; partners without one and requests are listed
    once the first recorded package has begun. The sources list *current* partners only, as
    for :func:`partners_on`. Supporting Allies are recorded only where a source names them,
    so a blank list means none found, not none. Columns: partner, partner_iso3,
    dcb_start_year (<NA> = not found), start_known, start_basis (what the year is),
    dcb_partner (False = request only),
    status, supporting_allies (names), n_supporting_allies. Partners by start year (not
    found last), then requests.
    """

    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    table = data.checked("dcb_partners", ["partner", "dcb_start_year", "dcb_partner", "allies_supporting_iso3"])
    names = country_names(data)
    table = table.copy()
    table["dcb_partner"] = table["dcb_partner"].fillna(False).astype(bool)
    table["start_known"] = table["dcb_start_year"].notna()
    dated = table["start_known"] & (pd.to_numeric(table["dcb_start_year"]) <= day.year)
    # Undated partners and requests are listed once the first recorded package has begun:
    # before it no package of any partner is recorded, so none can be placed.
    table = table.loc[dated | (~table["start_known"] & dated.any())].copy()
    codes = [split_codes(v) for v in table["allies_supporting_iso3"]]
    table["supporting_allies"] = [", ".join(sorted(name_of(c, names) for c in cs)) for cs in codes]
    table["n_supporting_allies"] = pd.array([len(cs) for cs in codes], dtype="Int64")
    for column in ("status_latest_source", "start_basis"):
        if column not in table.columns:
            table[column] = ""
    table["status"] = table["status_latest_source"]
    if "partner_iso3" not in table.columns:
        table["partner_iso3"] = pd.NA
    table["dcb_start_year"] = pd.array(table["dcb_start_year"], dtype="Int64")
    table["_order"] = (~table["dcb_partner"]).astype(int) * 2 + (~table["start_known"]).astype(int)
    table = table.sort_values(["_order", "dcb_start_year", "partner"], kind="stable")
    columns = ["partner", "partner_iso3", "dcb_start_year", "start_known", "start_basis", "dcb_partner", "status",
               "supporting_allies", "n_supporting_allies"]
    return table[columns].reset_index(drop=True)
