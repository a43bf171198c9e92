"""The country profile in sentences: accession and EU status, spending position, series, roles, sites, summits.

Each function takes the frame(s) of :mod:`natolab.metrics.profile` (or the spending
metrics) it describes, so tests can feed small synthetic frames; notebooks print the
result with ``plots.say``.
"""

from __future__ import annotations

import pandas as pd

from natolab import editions as edition_catalogue
from natolab.labels import counted, date_words, day_label, source_date_when, with_article, year_span
from natolab.metrics.frames import Frames, join_names
from natolab.narrative._words import aside, possessive
from natolab.narrative.spending import no_forces_note

__all__ = [
    "air_policing_profile_sentence",
    "dcb_profile_sentence",
    "facts_table",
    "forward_land_forces_profile_sentence",
    "hosting_sentence",
    "kfor_profile_sentence",
    "profile_intro",
    "series_sentence",
    "sipri_sentence",
    "spending_position",
    "summits_hosted_sentence",
]


def profile_intro(facts: dict[str, object], *, data: Frames | None = None) -> str:
    """Accession and EU status of one Ally, from :func:`natolab.metrics.profile.ally_facts`."""
    name = facts["country"]
    if facts["founding_member"]:
        text = (f"**{with_article(name, start=True)}** is one of the founding members: an Ally since the "
                f"North Atlantic Treaty was signed on {day_label(facts['accession_date'])}.")
    else:
        text = (f"**{with_article(name, start=True)}** joined the Alliance on "
                f"{day_label(facts['accession_date'])}, in the {facts['enlargement_round']} enlargement "
                f"(round {facts['round_number']}).")
    eu_in, eu_out = facts["eu_accession_date"], facts["eu_exit_date"]
    if facts["eu_member"]:
        text += f" It has been in the European Union (or the EEC/EC before it) since {day_label(eu_in)}."
    elif pd.notna(eu_in) and pd.notna(eu_out):
        text += (f" It was in the European Union (or the EEC/EC before it) from {day_label(eu_in)} "
                 f"until {day_label(eu_out)}.")
    else:
        text += " It is not a member of the European Union."
    note = no_forces_note(data=data).get(str(facts["iso3"]))
    if note:
        text += f" {note}."
    return text


def spending_position(
    league: pd.DataFrame, iso3: str, target_pct: float, core_target_pct: float,
    definition: str, *, data: Frames | None = None,
) -> str:
    """One Ally's share of GDP, rank and position against the two targets.

    ``definition`` is the edition's short definition ("core defence expenditure",
    :attr:`natolab.editions.Edition.definition_short`), set after the edition code.
    """
    row = league.loc[league["iso3"] == iso3].iloc[0]
    year, edition = int(row["year"]), row["edition"]
    edition_catalogue.cite(edition)  # named below even when it holds no figure for this Ally
    if pd.isna(row["share_of_gdp_pct"]):
        note = no_forces_note(data=data).get(iso3)
        why = f" ({aside(note)})" if note else ""
        return (f"{with_article(str(row['country']), start=True)}{why} reports no defence expenditure in NATO edition "
                f"{edition}, so it has no share of GDP and no rank for {year}.")
    ranked = int(league["rank"].notna().sum())
    est = "e" if bool(pd.notna(row["estimate"]) and row["estimate"]) else ""
    share = float(row["share_of_gdp_pct"])

    def pos(t: float) -> str:
        return "at or above" if share >= t else "below"

    # Equal shares share a rank: say with whom, or two profiles read as the same place held twice.
    tied = league.loc[(league["rank"] == row["rank"]) & (league["iso3"] != iso3), "country"]
    with_whom = f" (tied with {join_names([with_article(str(c)) for c in tied])})" if len(tied) else ""
    return (f"In {year}{est}, {with_article(str(row['country']))} spent **{share:.2f}% of GDP** on defence "
            f"(edition {edition}, {definition}{'; e = NATO estimate' if est else ''}), ranking "
            f"**{int(row['rank'])} of the {ranked}** Allies with a figure{with_whom}: {pos(target_pct)} the "
            f"{target_pct:g}% guideline (Wales, by 2024) and {pos(core_target_pct)} the {core_target_pct:g}% core "
            f"target (The Hague, by 2035).")


def series_sentence(series: pd.DataFrame, name: str, what: str, unit: str,
                    digits: int = 1) -> str:
    """First and last value of a country series from :func:`natolab.metrics.country_series`."""
    values = series.dropna(subset=["value"])
    if values.empty:
        return f"NATO reports no {what} for {name}."
    first, last = values.iloc[0], values.iloc[-1]
    est = "e" if bool(pd.notna(last["estimate"]) and last["estimate"]) else ""
    if int(first["year"]) == int(last["year"]):
        return (f"{possessive(with_article(name, start=True))} {what} was {last['value']:,.{digits}f}{unit} in "
                f"{int(last['year'])}{est} (NATO edition {last['edition']}; no other year).")
    return (f"{possessive(with_article(name, start=True))} {what} went from {first['value']:,.{digits}f}{unit} in "
            f"{int(first['year'])} to {last['value']:,.{digits}f}{unit} in {int(last['year'])}"
            f"{est} (NATO edition {last['edition']}{'; e = estimate' if est else ''}).")


def sipri_sentence(long: pd.DataFrame, name: str) -> str:
    """Peak and latest SIPRI share of GDP for one country (from ``country_long_run``)."""
    values = long.dropna(subset=["sipri_share_of_gdp_pct"])
    if values.empty:
        return f"SIPRI has no share-of-GDP figures for {name}."
    peak = values.loc[values["sipri_share_of_gdp_pct"].idxmax()]
    last = values.iloc[-1]
    text = (f"In SIPRI's figures (a different definition from NATO's), {possessive(with_article(name))} military "
            f"expenditure peaked at {peak['sipri_share_of_gdp_pct']:.1f}% of GDP in "
            f"{int(peak['year'])}")
    if int(peak["year"]) == int(last["year"]):
        text += ", the latest year SIPRI reports."
    else:
        text += f"; it was {last['sipri_share_of_gdp_pct']:.1f}% in {int(last['year'])}."
    return text + f" SIPRI's series starts in {int(values['year'].iloc[0])}."


def _date_range(first: str, latest: str) -> str:
    """'28 August 2017 to 4 February 2026', or one date where both are the same record."""
    if first == latest:
        return date_words(first)
    return f"{date_words(first)} to {date_words(latest)}"


def air_policing_profile_sentence(name: str, record: pd.DataFrame, coverage: dict[str, object],
                                  note: str | None = None) -> str:
    """One Ally's air-policing detachments by mission, with what the data covers.

    ``record`` is :func:`natolab.metrics.profile.air_policing_record`, ``coverage``
    :func:`natolab.metrics.profile.coverage`; ``note`` says why an Ally flies none
    (:func:`no_forces_note`).
    """
    first_rotation, last_rotation = coverage["ap_first_rotation"], coverage["ap_last_rotation"]
    rotations = (f"{first_rotation} ({date_words(coverage['ap_first_start'])}) to {last_rotation} "
                 f"(from {date_words(coverage['ap_last_rotation_start'])})")
    subject = with_article(name, start=True)
    if record.empty:
        text = (f"{subject} is not among the lead nations of Baltic Air Policing rotations {rotations} or the "
                f"augmenting nations at the other bases, which are recorded in full, nor in the partial records of "
                f"reinforcements at the lead nation's base and of the other air-policing missions.")
        if note:
            text += f" It is the {note[0].lower() + note[1:]}." if note.startswith("Only ") else f" {note}."
        return text

    def led(row: pd.Series) -> str:
        n = int(row["rotations_led"]) if pd.notna(row["rotations_led"]) else 0
        return f"{counted(n, 'rotation')} as lead nation" if n else "not as lead nation"

    first, last = int(record["first_year"].min()), int(record["last_year"].max())
    years = f"in {first}" if first == last else f"from {first} to {last}"
    baltic = record.loc[record["rotations_led"].notna()]
    others = record.loc[record["rotations_led"].isna()]
    if others.empty:
        row = baltic.iloc[0]
        text = (f"{subject} flew {counted(int(row['detachments']), 'Baltic Air Policing detachment')} {years} "
                f"({led(row)}).")
    else:
        parts = [f"{int(r['detachments'])} in {r['mission']}" + (f" ({led(r)})" if pd.notna(r["rotations_led"]) else "")
                 for _, r in record.iterrows()]
        total = int(record["detachments"].sum())
        text = f"{subject} flew {counted(total, 'air-policing detachment')} {years}: {join_names(parts)}."
    return text + (f" Baltic Air Policing is recorded in full for the lead nation of every rotation from {rotations} "
                   f"and for the augmenting nations at the other bases; reinforcements at the lead nation's base and "
                   f"the other missions only in part, so the counts are a minimum.")


def _flf_framework_clause(row: pd.Series) -> str:
    """'framework nation in Estonia (…)', and who leads now if the Ally no longer does."""
    text = (f"framework nation in {with_article(row['host'])} "
            f"({_date_range(row['first_recorded'], row['latest_recorded'])}")
    if not row["named_on_latest"]:
        text += f"; {with_article(row['framework_nation'])} since {date_words(row['framework_since'])}"
    return text + ")"


def _flf_contributor_clause(row: pd.Series) -> str:
    text = f"{with_article(row['host'])} ({_date_range(row['first_recorded'], row['latest_recorded'])}"
    if not row["named_on_latest"]:
        text += f"; not on the latest list, {date_words(row['host_latest_record'])}"
    return text + ")"


def _flf_host_sentence(name: str, host: pd.Series, own_framework: pd.DataFrame) -> str:
    text = (f"{with_article(name, start=True)} hosts Forward Land Forces (records of "
            f"{_date_range(host['first_recorded'], host['latest_recorded'])})")
    if not own_framework.empty and bool(own_framework["named_on_latest"].iloc[0]):
        return text + " and is their framework nation."
    if not own_framework.empty:
        row = own_framework.iloc[0]
        own = _date_range(row["first_recorded"], row["latest_recorded"])
        return (text + f"; it was framework nation itself ({own}), {with_article(host['framework_nation'])} since "
                f"{date_words(host['framework_since'])}.")
    framework = with_article(host["framework_nation"])
    if host["framework_since"] == host["first_recorded"]:
        return text + f", with {framework} as framework nation on every record."
    return text + f", with {framework} as framework nation since {date_words(host['framework_since'])}."


def forward_land_forces_profile_sentence(name: str, roles: pd.DataFrame, coverage: dict[str, object]) -> str:
    """One Ally's roles in the Forward Land Forces, each with the dates of the records naming it.

    ``roles`` is :func:`natolab.metrics.profile.forward_land_forces_roles`, ``coverage``
    :func:`natolab.metrics.profile.coverage` (the number and span of the dated records).
    """
    if roles.empty:
        return (f"{with_article(name, start=True)} is not named as host, framework nation or contributor in any of "
                f"the {coverage['flf_records']} dated Forward Land Forces records "
                f"({_date_range(coverage['flf_first'], coverage['flf_last'])}); the sources list contributors "
                f"for some dates only.")
    texts = []
    hosts = roles.loc[roles["role"] == "host nation"]
    frameworks = roles.loc[roles["role"] == "framework nation"]
    if not hosts.empty:
        host = hosts.iloc[0]
        own = frameworks.loc[frameworks["host_iso3"] == host["host_iso3"]]
        texts.append(_flf_host_sentence(name, host, own))
        frameworks = frameworks.loc[frameworks["host_iso3"] != host["host_iso3"]]
    parts = ["as " + _flf_framework_clause(r) for _, r in frameworks.iterrows()]
    contributed = roles.loc[roles["role"] == "contributor"]
    if not contributed.empty:
        parts.append("as contributor in "
                     + join_names([_flf_contributor_clause(r) for _, r in contributed.iterrows()]))
    if parts:
        who = ("It is also named" if texts
               else f"{with_article(name, start=True)} is named in the Forward Land Forces records")
        texts.append(f"{who} {join_names(parts)}.")
    return " ".join(texts)


def kfor_profile_sentence(name: str, iso3: str, series: pd.DataFrame, snapshot_label: str,
                          snapshot: pd.DataFrame, *, most: int = 6) -> str:
    """One Ally's troops in KFOR at each date the sources give a figure, and the latest complete list.

    ``series`` is :func:`natolab.metrics.kfor_contributions` for the Ally (planned figures and
    figures whose nation is not established already left out); ``snapshot_label`` and
    ``snapshot`` are :func:`natolab.metrics.kfor_snapshot`. With more than ``most`` figures
    only the first, the highest and the latest are named.
    """
    listed = bool(snapshot_label) and iso3 in set(snapshot["nation_iso3"])
    absent = ""
    if snapshot_label and not listed:
        who = "It" if series.empty else with_article(name, start=True)
        absent = (f" {who} is not among the {len(snapshot)} nations of the latest complete list of contributors "
                  f"({date_words(snapshot_label)}).")
    if series.empty:
        return f"No KFOR troop figure is recorded for {with_article(name)}.{absent}"

    def figure(row: pd.Series) -> str:
        text = f"{int(row['troops']):,} {source_date_when(row['date_label'])}"
        return text + (" (the latest complete list of contributors)" if listed and row["date_label"] == snapshot_label
                       else "")

    rows = series.reset_index(drop=True)
    if len(rows) > most:
        peak = rows["troops"].astype(float).idxmax()
        rows = rows.loc[sorted({0, peak, len(rows) - 1})]
        lead = f"The sources give {possessive(with_article(name))} troops in KFOR on {len(series)} dates, among them"
    elif len(rows) == 1:
        lead = f"The sources give one figure for {possessive(with_article(name))} troops in KFOR:"
    else:
        lead = f"The sources give {possessive(with_article(name))} troops in KFOR on {len(rows)} dates:"
    figures = join_names([figure(r) for _, r in rows.iterrows()])
    notes = " The table's notes say what each figure counts." if series["flags"].notna().any() else ""
    return f"{lead} {figures}.{notes}{absent}"


def _place(city: object) -> str:
    """'Casteau' from 'Casteau (Mons)', 'Norfolk' from 'Norfolk, Virginia'."""
    return str(city).split(" (")[0].split(",")[0].strip()


def _operation_label(name: object, longest: int = 40) -> str:
    """An operation's name without a bracketed expansion longer than ``longest`` characters:
    'Icelandic Air Policing' for 'Icelandic Air Policing (Airborne Surveillance and …)'."""
    text = str(name)
    head, _, rest = text.partition(" (")
    return head if rest and len(rest) > longest else text


def hosting_sentence(name: str, sites: pd.DataFrame, operations: pd.DataFrame, coverage: dict[str, object]) -> str:
    """The NATO sites an Ally hosts (with their dates) and the operations whose theatre names it.

    ``sites`` is :func:`natolab.metrics.profile.host_sites`, ``operations``
    :func:`natolab.metrics.profile.operations_mentioning`.
    """
    subject = with_article(name, start=True)

    def site(row: pd.Series) -> str:
        when = date_words(row["opening"]) if row["opening"] else "opening year not found"
        return f"{row['short_name']} in {_place(row['city'])} ({when})"

    current = sites.loc[~sites["former"].astype(bool)]
    former = sites.loc[sites["former"].astype(bool)]
    what = "NATO headquarters, command and agency sites recorded"
    if current.empty:
        text = (f"{subject} hosts none of the {coverage['sites']} {what} (centres of excellence, NATO Force "
                f"Integration Units and smaller bodies were not collected).")
    else:
        undated = any(not opening for opening in current["opening"])
        dating = ("with the date of the opening event the table names" if len(current) == 1
                  else "each with the date of the opening event the table names"
                  + (", where one was found" if undated else ""))
        text = (f"{subject} hosts {join_names([site(r) for _, r in current.iterrows()])}: {len(current)} of the "
                f"{coverage['sites']} {what}, {dating}.")
    if not former.empty:
        text += f" It also hosted {join_names([site(r) for _, r in former.iterrows()])}, no longer in use."
    if not operations.empty:
        ops = [f"{_operation_label(r['name'])}, " + (f"from {int(r['start_year'])}" if pd.isna(r["end_year"])
                                   else year_span([int(r["start_year"]), int(r["end_year"])]))
               for _, r in operations.iterrows()]
        text += f" NATO operations and missions whose recorded theatre names {with_article(name)}: {'; '.join(ops)}."
    return text


def dcb_profile_sentence(name: str, supported: pd.DataFrame, coverage: dict[str, object]) -> str:
    """The DCB partners an Ally is recorded as supporting, with how partial that record is.

    ``supported`` is :func:`natolab.metrics.profile.dcb_partners_supported`.
    """
    partial = (f"{coverage['dcb_with_supporters']} of the {coverage['dcb_partners']} partners, naming only "
               f"{join_names([with_article(n) for n in coverage['dcb_supporters']])}")
    if supported.empty:
        return (f"{with_article(name, start=True)} is not recorded as supporting any of the "
                f"{coverage['dcb_partners']} Defence Capacity Building (DCB) partners; the sources name "
                f"supporting Allies only for some ({partial}).")
    text = (f"Where the sources name supporting Allies of the Defence Capacity Building (DCB) partners ({partial}), "
            f"{with_article(name)} is named for {join_names(supported['partner'].tolist())}.")
    if "belgium_support" in supported.columns:
        text += " The table gives its role in each as the sources describe it, planned or carried out."
    return text


def summits_hosted_sentence(name: str, hosted: pd.DataFrame, coverage: dict[str, object], *, most: int = 5) -> str:
    """The summits and leaders' meetings an Ally hosted, split by whether NATO counts them as summits.

    ``hosted`` is :func:`natolab.metrics.profile.summits_hosted`; ``coverage`` names the
    meetings in the data (:func:`natolab.metrics.profile.coverage`), every one since 1957.
    """
    subject = with_article(name, start=True)
    every = (f"{coverage['summits']} NATO summits and leaders' meetings held from {coverage['summits_first']} "
             f"to {coverage['summits_last']}")
    if hosted.empty:
        return f"{subject} has not hosted any of the {every}."
    counted_mask = hosted["counted_by_nato"].fillna(False).astype(bool)
    others = hosted.loc[~counted_mask, "summit"].tolist()

    def label(row: pd.Series) -> str:
        return f"{row['summit']} (with {row['shared_with']})" if row["shared_with"] else str(row["summit"])

    names = [label(r) for _, r in hosted.iterrows()]
    text = f"{subject} hosted {len(hosted)} of the {every}"
    if len(names) <= most:
        text += f": {join_names(names)}"
    else:
        text += f", the first {names[0]}, the latest {names[-1]}"
    if not others:
        every_one = "both" if len(hosted) == 2 else "all" if len(hosted) > 2 else ""
        return text + f", {every_one + ' ' if every_one else ''}counted by NATO among its summits."
    return (text + f". NATO counts {int(counted_mask.sum())} of them among its summits; whether it counts "
            f"{join_names(others)} is not established.")


def facts_table(facts: dict[str, object]) -> pd.DataFrame:
    """The facts of :func:`natolab.metrics.profile.ally_facts` as a two-column table."""
    def show(value: object) -> str:
        if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
            return "–"
        if isinstance(value, pd.Timestamp):
            return f"{value:%Y-%m-%d}"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    labels = {
        "iso3": "ISO3 code", "country": "name", "accession_date": "accession date",
        "enlargement_round": "enlargement round", "round_number": "round number (0 = founders)",
        "founding_member": "founding member", "eu_member": "EU member (as of the data)",
        "eu_accession_date": "EEC/EC/EU entry", "eu_exit_date": "EU exit",
        "special_notes": "notes",
    }
    return pd.DataFrame({"fact": list(labels.values()),
                         "value": [show(facts.get(k)) for k in labels]})
