"""Every chart builder of the notebooks, one module per kind of chart, all re-exported here.

* :mod:`natolab.charts.bars`: ranked bars, grouped counts, paired bars, EU and non-EU
  Allies, partners by framework;
* :mod:`natolab.charts.lines`: series over years, long runs with shaded periods and events;
* :mod:`natolab.charts.timelines`: dated charts (accessions, overlap, milestones,
  operations, KFOR strength, partners joining);
* :mod:`natolab.charts.deterrence`: Forward Land Forces, air policing, KFOR contributions,
  the three Cs (deterrence and collective defence);
* :mod:`natolab.charts.marks` and :mod:`natolab.charts.describe`: the marks the builders
  share (estimate hatching, target lines, legends off the data) and their descriptions
  in words (alt text).

Each builder takes a tidy frame from :mod:`natolab.metrics` and returns a finished
figure in the house style of :mod:`natolab.plots`; a notebook writes
``charts.<builder>(...)`` and shows the result with ``plots.show``.
"""

from natolab.charts.bars import (
    count_bars,
    eu_spending_chart,
    paired_bars,
    partners_chart,
    profile_personnel,
    ranked_bars,
)
from natolab.charts.deterrence import (
    air_policing_grid,
    forward_land_forces_chart,
    kfor_contributions_chart,
    three_cs_chart,
)
from natolab.charts.lines import line_chart, long_run, profile_long_run, since_title
from natolab.charts.timelines import (
    allies_step_chart,
    kfor_chart,
    milestones_chart,
    operations_chart,
    overlap_chart,
    partners_joined_chart,
)

__all__ = [
    "air_policing_grid",
    "allies_step_chart",
    "count_bars",
    "eu_spending_chart",
    "forward_land_forces_chart",
    "kfor_chart",
    "kfor_contributions_chart",
    "line_chart",
    "long_run",
    "milestones_chart",
    "operations_chart",
    "overlap_chart",
    "paired_bars",
    "partners_chart",
    "partners_joined_chart",
    "profile_long_run",
    "profile_personnel",
    "ranked_bars",
    "since_title",
    "three_cs_chart",
]
