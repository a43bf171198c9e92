"""eu_nato and eu_nato_actions: EU-NATO milestones 2002-2026 and the common-set actions."""

from __future__ import annotations

import pandas as pd

from natolab.importers.facts.cells import curated_table, vocabulary, with_ids

__all__ = ["build_eu_nato", "build_eu_nato_actions"]

# batch and n_actions_status of eu_nato_actions.csv -> our values.
ACTION_BATCHES = vocabulary("eu_nato_action_batch")
ACTION_STATUS = vocabulary("eu_nato_action_status")
# The combined rows cover two endorsement days; they stay blank in the date column.
COMBINED_NOTE = "Both sets: 42 endorsed 2016-12-06 + 32 endorsed 2017-12-05"

# The 2026 update (eu_nato_2025_2026.csv) repeats an event of eu_nato.csv where it adds what the
# first collection lacks (the 10th progress report: "Also listed (without content) in
# eu_nato.csv"). Such an event stays one row: the first collection's values are kept, its
# blank cells filled from the update, the source ids and flags of both kept. The two files may
# word only these columns differently (the first collection's wording is kept); any other
# difference is a conflict and stops the curation.
EU_NATO_REWORDED = ("title", "signatories_or_body")
EU_NATO_UPDATE_FLAG = "2026 update: "


def _event_ids(frame: pd.DataFrame) -> pd.Series:
    """event_type and number, or the year when unnumbered, or the full date where two
    unnumbered events of one type share a year (eu_initiative_context 2025)."""
    suffix = frame["number"].where(frame["number"] != "", frame["date"].str[:4])
    ids = frame["event_type"] + "_" + suffix
    clash = ids.duplicated(keep=False) & (frame["number"] == "")
    return ids.where(~clash, frame["event_type"] + "_" + frame["date"])


def _merge_event(first: pd.Series, update: pd.Series, event_id: str) -> pd.Series:
    merged = first.copy()
    for column, new in update.items():
        old = first[column]
        if column == "source_ids":
            merged[column] = with_ids(old, *new.split(";"))
        elif column == "flags":
            merged[column] = "; ".join(x for x in (old, EU_NATO_UPDATE_FLAG + new if new else "") if x)
        elif not old:
            merged[column] = new
        elif new and new != old and column not in EU_NATO_REWORDED:
            raise ValueError(f"eu_nato {event_id} {column}: eu_nato.csv {old!r}, 2026 update {new!r}")
    return merged


def build_eu_nato(raw: dict[str, object]) -> pd.DataFrame:
    """EU-NATO milestones, 2002-2026: declarations, common sets of proposals, progress reports,
    high-level meetings and (marked eu_initiative_context) EU defence initiatives tied to NATO."""
    first, update = raw["eu_nato"].copy(), raw["eu_nato_2025_2026"].copy()
    if list(update.columns) != list(first.columns):
        raise ValueError("eu_nato_2025_2026.csv no longer has the columns of eu_nato.csv")
    ids = _event_ids(pd.concat([first, update], ignore_index=True))
    first.index, update.index = ids.iloc[: len(first)], ids.iloc[len(first) :]
    for part in (first, update):
        if part.index.duplicated().any():
            raise ValueError(f"eu_nato: event ids not unique: {sorted(part.index[part.index.duplicated()])}")
    for event_id in update.index.intersection(first.index):
        first.loc[event_id] = _merge_event(first.loc[event_id], update.loc[event_id], event_id)
    out = pd.concat([first, update.drop(index=first.index, errors="ignore")])
    return out.rename_axis("event_id").reset_index()


def build_eu_nato_actions(raw: dict[str, object]) -> pd.DataFrame:
    """Common-set actions per batch and area; per-area counts only where sourced."""
    src = raw["eu_nato_actions"]
    combined = src["batch"] == "combined"
    notes = src["notes"].where(~combined, COMBINED_NOTE + ". " + src["notes"])
    return curated_table(
        src,
        "batch endorsement_date area area_origin n_actions n_actions_status notes source_ids",
        batch=src["batch"].map(ACTION_BATCHES),
        endorsement_date=src["endorsement_date"].where(~combined, ""),
        n_actions_status=src["n_actions_status"].map(ACTION_STATUS),
        notes=notes,
    )
