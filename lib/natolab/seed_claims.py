"""The checkable claims of the Belgian foreign ministry's text on NATO, beside what the data says.

The text (``shared/seed/belgium-nato.txt``) was written after the Brussels summit of
14 June 2021, which it calls "the last NATO summit", and before the Madrid summit of
June 2022 (it still counts 30 members). Each
function returns one table for one notebook: the claim as quoted from the text,
what the curated data says on ``as_of``, and a verdict — "holds", "not yet" (the
date asked for is before the event), "no longer current" (true when written,
overtaken since) or "differs" (the data says otherwise). Quotes are verbatim; a
test checks them against the text. Each function reads its resources from one keyword-only
``data`` (:class:`~natolab.metrics.frames.Frames`; ``None`` = the bundled resources) and
passes it down to the metrics it calls.
"""

from __future__ import annotations

import pandas as pd

from natolab.dates import DateLike, to_timestamp
from natolab.labels import counted
from natolab.metrics import deterrence, membership, operations
from natolab.metrics import eu_nato as eu_nato_metrics
from natolab.metrics.frames import Frames, join_names

__all__ = [
    "QUOTES",
    "VERDICTS",
    "claims_sentence",
    "crisis_management_claims",
    "deterrence_claims",
    "enlargement_claims",
    "eu_nato_claims",
    "partnership_claims",
]

VERDICTS = ("holds", "not yet", "no longer current", "differs", "not recorded")

#: Verbatim sentences of the seed text that data can check.
QUOTES = {
    "founder": (
        "Belgium is a founding member of the North Atlantic Treaty Organisation (NATO), which was "
        "established at the signing of the North Atlantic Treaty in Washington on 4 April 1949."
    ),
    "open_door": (
        "The Allies pursue an open-door policy, meaning that countries who wish to join and who meet "
        "certain criteria, can become members."
    ),
    "1952": "This policy was initiated in 1952 with the accession of Greece and Turkey",
    "thirty": "North Macedonia is currently the most recent (2020) meaning that NATO now has 30 members.",
    "both": (
        "Cooperation between the EU and NATO is of paramount importance for Belgium, "
        "which is a member of both organisations."
    ),
    "warsaw": "The EU-NATO Joint Declaration that emerged from the NATO Warsaw Summit in July 2016",
    "seventy_four": "74 concrete action points have since been elaborated in seven different areas",
    "brussels_2018": "a new EU-NATO Joint Declaration, signed in Brussels on 10 July 2018",
    "operations": (
        "The current operations and missions of NATO are KFOR in Kosovo, the NATO Training Mission in Iraq, "
        "and the activities in the Aegean Sea to combat irregular migration."
    ),
    "partners": "NATO cooperates in various formats with more than 40 partner countries",
    "forward_presence": (
        "The increased importance of the first core task is reflected in Enhanced Forward Presence"
    ),
    "air_policing": (
        "the task of Enhanced Air Policing in the airspace of the Baltic States in which Belgium "
        "regularly participates"
    ),
    "wales_warsaw": (
        "Another manifestation is the commitments taken on defence expenditure (Wales, 2014) and "
        "national resilience (Warsaw, 2016)."
    ),
}
#: How recent a Belgian air-policing detachment must be for "regularly participates" to hold
#: on a date: Belgium's gaps between Baltic detachments in the data are under five years.
REGULAR_YEARS = 5


def _day(day: pd.Timestamp) -> str:
    return f"{day.day} {day:%B %Y}"


def _row(key: str, data_says: str, verdict: str) -> dict[str, str]:
    if verdict not in VERDICTS:  # pragma: no cover - guards the module's own calls
        raise ValueError(f"verdict {verdict!r} is not one of {VERDICTS}")
    return {"claim": QUOTES[key], "data_on_date": data_says, "verdict": verdict}


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["claim", "data_on_date", "verdict"])


def enlargement_claims(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Founding in 1949, Greece and Turkey in 1952, 30 Allies after North Macedonia, the open door."""
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    everyone = membership.members_on("2999-12-31", data=data)
    allies = membership.members_on(day, data=data)
    founders = everyone.loc[everyone["round_number"] == 0]
    rows = []

    bel = everyone.loc[everyone["iso3"] == "BEL"]
    founded = founders["accession_date"].min()
    if len(bel) and int(bel["round_number"].iloc[0]) == 0:
        rows.append(
            _row(
                "founder",
                f"Belgium is one of {len(founders)} founders, all dated {_day(founded)} (signature of the Treaty).",
                "holds",
            )
        )
    else:
        rows.append(_row("founder", "Belgium is not recorded as a founder.", "differs"))

    first = membership.enlargement_rounds("2999-12-31", data=data).iloc[0]
    first_day = pd.Timestamp(first["accession_date"])
    said = (
        f"The first enlargement round: {join_names(first['countries'].split(', '))} on {_day(first_day)}, "
        f"making {first['n_after']} Allies."
    )
    if first_day.year != 1952 or set(first["countries"].split(", ")) != {"Greece", "Türkiye"}:
        rows.append(_row("1952", said, "differs"))
    else:
        rows.append(_row("1952", said, "holds" if day >= first_day else "not yet"))

    mkd = everyone.loc[everyone["iso3"] == "MKD"]
    mkd_day = pd.Timestamp(mkd["accession_date"].iloc[0])
    latest = allies.loc[allies["accession_date"] == allies["accession_date"].max()]
    latest_names = join_names(sorted(latest["country"]))
    count = len(allies)
    latest_day = _day(latest["accession_date"].iloc[0])
    said = f"On {_day(day)}: {count} Allies; most recent accession {latest_names} ({latest_day})."
    if day < mkd_day:
        verdict = "not yet"
    elif set(latest["iso3"]) == {"MKD"} and count == 30:
        verdict = "holds"
    else:
        verdict = "no longer current"
    rows.append(_row("thirty", said, verdict))

    rounds_done = membership.enlargement_rounds(day, data=data)
    waiting = operations.aspirants(day, data=data)
    said = (
        f"{counted(len(rounds_done), 'enlargement round')} since 1949 added "
        f"{counted(int(rounds_done['n_joined'].sum()), 'country', 'countries')}; "
        + (f"{counted(len(waiting), 'aspirant')} on {_day(day)}: {join_names(waiting['country'].tolist())}."
           if len(waiting) else f"no aspirant on {_day(day)}.")
    )
    rows.append(_row("open_door", said, "holds" if len(rounds_done) else "not yet"))
    return _frame(rows)


def eu_nato_claims(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Belgium in both, the Warsaw 2016 and Brussels 2018 declarations, 74 actions in seven areas."""
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    rows = []
    detail = eu_nato_metrics.overlap_by_country(day, data=data).set_index("iso3")
    in_both = "BEL" in detail.index and detail.loc["BEL", "group"] == "NATO and EU"
    n_both = int((detail["group"] == "NATO and EU").sum())
    said = (
        f"On {_day(day)} Belgium is {'one of' if in_both else 'not among'} {n_both} countries in both NATO and the EU."
    )
    rows.append(_row("both", said, "holds" if in_both else "not yet"))

    every = eu_nato_metrics.eu_nato_milestones("2999-12-31", data=data)
    known = eu_nato_metrics.eu_nato_milestones(day, data=data)
    for key, number in (("warsaw", 1), ("brussels_2018", 2)):
        decl = every.loc[(every["event_type"] == "joint_declaration") & (every["number"] == number)]
        if decl.empty:
            rows.append(_row(key, "No such joint declaration in the data.", "differs"))
            continue
        when = pd.Timestamp(decl["date"].iloc[0])
        said = f"{decl['title'].iloc[0]}, {_day(when)}."
        happened = bool((known["event_id"] == decl["event_id"].iloc[0]).any())
        rows.append(_row(key, said, "holds" if happened else "not yet"))

    batches = eu_nato_metrics.common_set_actions(day, data=data)
    total = int(batches["cumulative_actions"].iloc[-1]) if len(batches) else 0
    parts = " + ".join(
        f"{int(n)} ({d:%b %Y})" for n, d in zip(batches["n_actions"], batches["endorsement_date"], strict=True)
    )
    said = (
        f"{total} actions endorsed by {_day(day)}" + (f": {parts}" if parts else "") + "; per-area counts are "
        "sourced for one area only (countering hybrid threats, about 20 of 74), so the seven-area split is not checked."
    )
    rows.append(_row("seventy_four", said, "holds" if total == 74 else "not yet"))
    return _frame(rows)


def crisis_management_claims(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """The operations the text calls current: KFOR, the training mission in Iraq, the Aegean activity."""
    day = to_timestamp(as_of, "as_of")
    active = operations.operations_active_on(day, data=data)
    names = set(active["short_name"].astype(str))
    named = {
        "KFOR": any(n.startswith("KFOR") for n in names),
        "training mission in Iraq": bool(names & {"NMI", "NTM-I"}),
        "Aegean activity": "Aegean activity" in names,
    }
    others = sorted(n for n in names if not (n.startswith("KFOR") or n in {"NMI", "NTM-I", "Aegean activity"}))
    running = [k for k, v in named.items() if v]
    said = f"Running on {_day(day)}: {join_names(running) or 'none of the three'}"
    said += f"; also running: {', '.join(others)}." if others else "."
    if all(named.values()):
        verdict = "holds"
    elif not any(named.values()):
        verdict = "not yet"
    else:
        verdict = "differs"
    return _frame([_row("operations", said, verdict)])


def partnership_claims(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """'More than 40 partner countries' against the partners in the data on ``as_of``."""
    day = to_timestamp(as_of, "as_of")
    listed = operations.partners_on(day, data=data)
    dated = listed.loc[listed["date_known"]]
    undated = listed.loc[~listed["date_known"]]
    if dated.empty:
        said = f"None of today's partners with a recorded joining date had joined by {_day(day)}."
        return _frame([_row("partners", said, "not yet")])
    distinct = listed["iso3"].nunique()
    said = (
        f"{len(listed)} framework memberships of {distinct} distinct countries by {_day(day)}"
        + (f" ({join_names(sorted(undated['country']))} without a joining date)" if len(undated) else "")
        + "; the data lists today's partners only: countries that were partners before becoming Allies "
        "(Finland, Sweden, North Macedonia, ...) are not in it."
    )
    return _frame([_row("partners", said, "holds" if distinct > 40 else "differs")])


def deterrence_claims(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """Forward presence, Belgium in Baltic air policing, and the Wales and Warsaw commitments."""
    day = to_timestamp(as_of, "as_of")
    data = data or Frames()
    rows = []
    state = deterrence.forward_land_forces(day, data=data)
    if state.empty:
        rows.append(_row("forward_presence", f"No forward land forces recorded by {_day(day)}.", "not yet"))
    else:
        said = (f"{counted(len(state), 'host nation')} on {_day(day)}: {join_names(state['host'].tolist())} "
                "(NATO now calls them Forward Land Forces).")
        rows.append(_row("forward_presence", said, "holds"))

    baltic = deterrence.air_policing_detachments(day, data=data)
    baltic = baltic.loc[baltic["mission"] == deterrence.BALTIC_AIR_POLICING]
    belgian = baltic.loc[baltic["nation_iso3"] == "BEL"]
    if belgian.empty:
        rows.append(_row("air_policing", f"No Belgian Baltic Air Policing detachment by {_day(day)}.", "not yet"))
    else:
        years = sorted(dict.fromkeys(int(y) for y in belgian["year"]))
        latest = belgian["start"].max()
        said = (f"Belgium flew {counted(len(belgian), 'Baltic Air Policing detachment')} by {_day(day)}, begun in "
                f"{join_names([str(y) for y in years])}; the latest from {_day(latest)}.")
        recent = latest > day - pd.DateOffset(years=REGULAR_YEARS)
        rows.append(_row("air_policing", said, "holds" if recent else "no longer current"))

    target_rows = data["targets"]
    wales = target_rows.loc[target_rows["target_id"] == "wales_2pct"].iloc[0]
    agreed = pd.Timestamp(wales["agreed_date"])
    summit_rows = data["summits"]
    warsaw = summit_rows.loc[summit_rows["summit"] == "Warsaw 2016"]
    decided = " ".join(str(v) for col in ("burden_sharing_decisions", "other_key_decisions")
                       if col in warsaw.columns for v in warsaw[col].dropna())
    resilience = "resilience" in decided.lower()
    said = f"Wales ({_day(agreed)}): {float(wales['threshold_pct']):g}% of GDP by {int(wales['target_year'])}. "
    if warsaw.empty:
        said += "Warsaw 2016 is not in the summits data."
    elif resilience:
        said += "Warsaw 2016: the summits data records a resilience commitment."
    else:
        said += "Warsaw 2016 is in the summits data, but no resilience commitment among the decisions it records."
    verdict = "not yet" if day < agreed else "holds" if resilience else "not recorded"
    rows.append(_row("wales_warsaw", said, verdict))
    return _frame(rows)


def claims_sentence(claims: pd.DataFrame, as_of: DateLike = None) -> str:
    """'As of 28 November 2026, of the 4 checkable claims of the source text, 3 hold and 1 is no
    longer current.' The date leads: every verdict is as of that day."""
    day = _day(to_timestamp(as_of, "as_of"))
    counts = claims["verdict"].value_counts()
    phrases = {
        "holds": ("holds", "hold"),
        "not yet": ("describes events after that date", "describe events after that date"),
        "no longer current": ("is no longer current", "are no longer current"),
        "differs": ("differs from the data", "differ from the data"),
        "not recorded": ("is not recorded in the data", "are not recorded in the data"),
    }
    found = [(verdict, int(counts.get(verdict, 0))) for verdict in VERDICTS if int(counts.get(verdict, 0))]
    total = len(claims)
    if total == 0:
        return f"As of {day}, the source text makes no claim the data can check."
    if total == 1:
        return f"As of {day}, the one checkable claim of the source text {phrases[found[0][0]][0]}."
    if len(found) == 1:
        return f"As of {day}, all {total} checkable claims of the source text {phrases[found[0][0]][1]}."
    parts = [f"{n} {phrases[verdict][0] if n == 1 else phrases[verdict][1]}" for verdict, n in found]
    return f"As of {day}, of the {total} checkable claims of the source text, {join_names(parts)}."
