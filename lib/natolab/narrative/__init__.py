"""Every sentence computed from data for the notebooks, one module per topic, all re-exported here.

* :mod:`natolab.narrative.spending`: burden sharing and country profile;
* :mod:`natolab.narrative.burden`: the burden-sharing report's opening (key figures,
  the two definitions, The Hague 2025);
* :mod:`natolab.narrative.facts`: enlargement, EU–NATO cooperation, crisis
  management and partnerships.

Notebooks never hard-code a number in prose: they pass the frame they have just
shown to one of these functions and print the result with ``plots.say``.
"""

from natolab.narrative._words import count_phrase, year_span
from natolab.narrative.burden import (
    definitions_sentence,
    edition_line,
    hague_commitment_sentence,
    hague_path_sentence,
    key_figures_markdown,
    no_complete_edition,
    related_spending_sentence,
)
from natolab.narrative.facts import (
    allies_sentence,
    aspirants_sentence,
    common_set_sentence,
    day_label,
    efp_sentence,
    eu_spending_sentence,
    highlight_sentence,
    kfor_sentence,
    milestones_sentence,
    operations_sentence,
    overlap_sentence,
    partners_sentence,
    rounds_sentence,
    troops_label,
)
from natolab.narrative.spending import (
    appearances_sentence,
    below_target,
    count_sentence,
    edition_summary,
    editions_table,
    equipment_sentence,
    europe_us_sentence,
    facts_table,
    gap_note,
    gap_sentence,
    league_sentence,
    long_run_sentence,
    no_forces_note,
    per_capita_sentence,
    profile_intro,
    real_change_sentence,
    revision_sentence,
    series_sentence,
    sipri_sentence,
    spending_position,
    summit_events,
)

__all__ = [
    "allies_sentence",
    "appearances_sentence",
    "aspirants_sentence",
    "below_target",
    "common_set_sentence",
    "count_phrase",
    "count_sentence",
    "day_label",
    "definitions_sentence",
    "edition_line",
    "edition_summary",
    "editions_table",
    "efp_sentence",
    "equipment_sentence",
    "eu_spending_sentence",
    "europe_us_sentence",
    "facts_table",
    "gap_note",
    "gap_sentence",
    "hague_commitment_sentence",
    "hague_path_sentence",
    "highlight_sentence",
    "key_figures_markdown",
    "kfor_sentence",
    "league_sentence",
    "long_run_sentence",
    "milestones_sentence",
    "no_complete_edition",
    "no_forces_note",
    "operations_sentence",
    "overlap_sentence",
    "partners_sentence",
    "per_capita_sentence",
    "profile_intro",
    "real_change_sentence",
    "related_spending_sentence",
    "revision_sentence",
    "rounds_sentence",
    "series_sentence",
    "sipri_sentence",
    "spending_position",
    "summit_events",
    "troops_label",
    "year_span",
]
