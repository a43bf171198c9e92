"""Membership on a date: NATO, the EU (EEC/EC before it) and both, and the map by accession round.

Counts and lists come from :mod:`natolab.metrics` (``members_on``, ``eu_members_on`` and the
overlap functions built on them), the map from :func:`natolab.maps.accession_map`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import clear_output

from natolab import data, maps, metrics, narrative, parameters, plots
from natolab.dates import TREATY_SIGNED
from natolab.explore._view import View
from natolab.parameters import ParameterError

__all__ = ["MembershipView", "change_days"]


def change_days() -> list[pd.Timestamp]:
    """Every day on which NATO's or the EU's membership changed, oldest first.

    A NATO accession day, an EEC/EC/EU accession day, and the day after an EU exit
    (``eu_exit_date`` is the last day of membership).
    """
    joined = metrics.membership_timeline()["date"]
    eu = data.load("eu_membership")
    entered = pd.to_datetime(eu["eu_accession_date"]).dropna()
    left = pd.to_datetime(eu["eu_exit_date"]).dropna() + pd.Timedelta(days=1)
    return sorted({pd.Timestamp(d).normalize() for d in [*joined, *entered, *left]})


class MembershipView(View):
    """A day from 1949 to the data's date → NATO / EU / both counts and lists, and the map."""

    name = "membership"
    title = "Membership on a date"

    def __init__(self, as_of: Any = None) -> None:
        super().__init__()
        day = parameters.check_as_of("as_of", as_of)
        self.first, self.last = TREATY_SIGNED, data.data_as_of()
        self.changes = change_days()
        self.counts: dict[str, int] = {}
        self.summary = pd.DataFrame()
        # A slider over days (arrow keys move one day) and a date field for an exact day, kept in step.
        self.slider = widgets.IntSlider(min=0, max=(self.last - self.first).days, value=self._offset(day),
                                        description="Date", readout=False, continuous_update=False,
                                        layout=widgets.Layout(width="40em"))
        self.date = widgets.DatePicker(value=day.date(), min=self.first.date(), max=self.last.date(),
                                       description="Day")
        self.previous_button = widgets.Button(description="◀ previous change", layout=widgets.Layout(width="auto"))
        self.next_button = widgets.Button(description="next change ▶", layout=widgets.Layout(width="auto"))
        self.previous_button.on_click(lambda _button: self.step(-1))
        self.next_button.on_click(lambda _button: self.step(+1))
        self.slider.observe(self._slider_moved, names="value")
        self.date.observe(self._date_set, names="value")
        self.update()

    def controls(self) -> list[widgets.Widget]:
        return [widgets.HBox([self.slider, self.date]), widgets.HBox([self.previous_button, self.next_button])]

    def _offset(self, day: pd.Timestamp) -> int:
        return int((day - self.first).days)

    @property
    def day(self) -> pd.Timestamp:
        """The day the view shows."""
        return self.first + pd.Timedelta(days=int(self.slider.value))

    def set_date(self, value: Any) -> None:
        """Show ``value`` (a date or "YYYY-MM-DD"), checked as the notebooks check ``as_of``."""
        day = parameters.check_as_of("as_of", value)
        self.date.value = day.date()

    def step(self, direction: int) -> None:
        """Jump to the next (+1) or previous (-1) day on which a membership changed."""
        day = self.day
        later = [d for d in self.changes if d > day] if direction > 0 else [d for d in self.changes if d < day]
        if later:
            target = later[0] if direction > 0 else later[-1]
            self.set_date(min(max(target, self.first), self.last))

    def _slider_moved(self, _change: Any) -> None:
        with self.holding():
            self.date.value = self.day.date()

    def _date_set(self, change: Any) -> None:
        value = change["new"]
        if value is None:  # the field was cleared: keep the slider's day
            return
        try:
            day = parameters.check_as_of("as_of", dt.date.isoformat(value))
        except ParameterError as err:  # the picker clamps to min and max; a rule may still refuse
            self.message = str(err)
            with self.output:
                clear_output(wait=True)
                self.show_message()
            return
        with self.holding():
            self.slider.value = self._offset(day)

    def compute(self) -> None:
        day = parameters.check_as_of("as_of", self.day)
        self.table = metrics.overlap_by_country(day)
        self.summary = metrics.eu_nato_overlap(day)
        both = self.summary.set_index("group")["n_countries"]
        self.counts = {
            "nato": metrics.count_members(day),
            "eu": len(metrics.eu_members_on(day)),
            "both": int(both[metrics.OVERLAP_GROUPS[0]]),
        }
        self.figure = maps.accession_map(day, source=self.source_note())

    def render(self) -> None:
        when = narrative.day_label(self.day)
        plots.say(f"On **{when}**: **{self.counts['nato']}** Allies, **{self.counts['eu']}** members of the "
                  f"EU (the EEC/EC before 1993), **{self.counts['both']}** countries in both.")
        plots.table(self.summary, "explore-membership", caption=f"NATO and the EU on {when}")
        plots.show(self.figure, "explore-membership-map")

    def source_note(self) -> str:
        return data.source_note("members") + " " + data.source_note("eu_membership")

    def parameters(self) -> dict[str, Any]:
        return {"as_of": f"{self.day:%Y-%m-%d}"}

    def stem(self) -> str:
        return f"membership-{self.day:%Y-%m-%d}"

    def code(self) -> str:
        return f"""\
from natolab import data, maps, metrics, plots

as_of = "{self.day:%Y-%m-%d}"
table = metrics.overlap_by_country(as_of)  # every country in NATO or the EU: nato_member, eu_member, group
summary = metrics.eu_nato_overlap(as_of)  # NATO and EU / NATO only / EU only: counts and names
n_allies, n_eu = metrics.count_members(as_of), len(metrics.eu_members_on(as_of))
fig = maps.accession_map(as_of, source=data.source_note("members") + " " + data.source_note("eu_membership"))
plots.table(summary, "membership")
plots.show(fig, "accession-map")
"""
