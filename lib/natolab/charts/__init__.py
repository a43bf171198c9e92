"""Every chart builder of the notebooks, one module per topic, all re-exported here.

* :mod:`natolab.charts.spending`: generic ranked bars, counts, lines and long runs
  (burden sharing, country profile);
* :mod:`natolab.charts.deterrence`: Forward Land Forces, air policing, KFOR contributions,
  the three Cs (deterrence and collective defence);
* :mod:`natolab.charts.timelines`: dated charts of the facts notebooks (enlargement,
  EU–NATO cooperation, crisis management, partnerships).

Each builder takes a tidy frame from :mod:`natolab.metrics` and returns a finished
figure in the house style of :mod:`natolab.plots`; a notebook writes
``charts.<builder>(...)`` and shows the result with ``plots.show``.
"""

from natolab.charts.deterrence import (
    air_policing_grid,
    forward_land_forces_chart,
    kfor_contributions_chart,
    three_cs_chart,
)
from natolab.charts.spending import (
    count_bars,
    line_chart,
    long_run,
    paired_bars,
    profile_long_run,
    profile_personnel,
    ranked_bars,
    since_title,
)
from natolab.charts.timelines import (
    allies_step_chart,
    eu_spending_chart,
    kfor_chart,
    milestones_chart,
    operations_chart,
    overlap_chart,
    partners_chart,
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
