"""Every sentence computed from data for the notebooks, one module per topic, all re-exported here.

* :mod:`natolab.narrative.spending`: burden sharing (league, counts, gaps, editions,
  revisions, the long run);
* :mod:`natolab.narrative.profile`: the country profile (accession, spending position,
  series, air policing, Forward Land Forces, KFOR, sites hosted, DCB, summits hosted);
* :mod:`natolab.narrative.burden`: the burden-sharing report's opening (key figures,
  the two definitions, The Hague 2025);
* :mod:`natolab.narrative.deterrence`: deterrence and collective defence (Forward Land
  Forces, air policing, KFOR contributions, the three Cs);
* :mod:`natolab.narrative.facts`: enlargement, EU–NATO cooperation, crisis
  management and partnerships.

How days, dates, troop figures and amounts read is :mod:`natolab.labels`' job (charts
use it too); ``day_label``, ``troops_label`` and ``year_span`` are re-exported here for
the notebooks.

Notebooks never hard-code a number in prose: they pass the frame they have just
shown to one of these functions and print the result with ``plots.say``.
"""

from natolab.labels import day_label, troops_label, year_span
from natolab.narrative._words import count_phrase
from natolab.narrative.burden import (
    definitions_sentence,
    edition_line,
    hague_commitment_sentence,
    hague_path_sentence,
    key_figures_markdown,
    key_figures_table,
    no_complete_edition,
    related_spending_sentence,
)
from natolab.narrative.deterrence import (
    air_policing_sentence,
    ally_air_policing_sentence,
    forward_land_forces_sentence,
    kfor_contributions_sentence,
    ordinal,
    three_cs_sentence,
    three_cs_sources_sentence,
)
from natolab.narrative.facts import (
    allies_sentence,
    aspirants_sentence,
    common_set_sentence,
    dcb_sentence,
    eu_spending_sentence,
    highlight_sentence,
    kfor_sentence,
    milestones_sentence,
    operations_sentence,
    overlap_sentence,
    partners_sentence,
    rounds_sentence,
)
from natolab.narrative.profile import (
    air_policing_profile_sentence,
    dcb_profile_sentence,
    facts_table,
    forward_land_forces_profile_sentence,
    hosting_sentence,
    kfor_profile_sentence,
    profile_intro,
    series_sentence,
    sipri_sentence,
    spending_position,
    summits_hosted_sentence,
)
from natolab.narrative.spending import (
    below_target,
    count_sentence,
    edition_summary,
    editions_table,
    equipment_sentence,
    europe_us_sentence,
    gap_note,
    gap_sentence,
    league_sentence,
    long_run_sentence,
    no_forces_note,
    per_capita_sentence,
    real_change_sentence,
    revision_sentence,
    summit_events,
)

__all__ = [
    "air_policing_profile_sentence",
    "air_policing_sentence",
    "allies_sentence",
    "ally_air_policing_sentence",
    "aspirants_sentence",
    "below_target",
    "common_set_sentence",
    "count_phrase",
    "count_sentence",
    "day_label",
    "dcb_profile_sentence",
    "dcb_sentence",
    "definitions_sentence",
    "edition_line",
    "edition_summary",
    "editions_table",
    "equipment_sentence",
    "eu_spending_sentence",
    "europe_us_sentence",
    "facts_table",
    "forward_land_forces_profile_sentence",
    "forward_land_forces_sentence",
    "gap_note",
    "gap_sentence",
    "hague_commitment_sentence",
    "hague_path_sentence",
    "highlight_sentence",
    "hosting_sentence",
    "key_figures_markdown",
    "key_figures_table",
    "kfor_contributions_sentence",
    "kfor_profile_sentence",
    "kfor_sentence",
    "league_sentence",
    "long_run_sentence",
    "milestones_sentence",
    "no_complete_edition",
    "no_forces_note",
    "operations_sentence",
    "ordinal",
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
    "summits_hosted_sentence",
    "three_cs_sentence",
    "three_cs_sources_sentence",
    "troops_label",
    "year_span",
]
