"""Interactive views for JupyterLab, on the same natolab functions as the reports.

::

    from natolab import explore
    explore.SpendingView()    # Allies, measure, years, edition, target lines → chart and table
    explore.MembershipView()  # NATO, the EU and both on a day, and the map by accession round
    explore.CountryView()     # one Ally at a glance: profile figures and charts

Each view is a class whose state is plain ``ipywidgets``. Every change of a widget calls
``view.update()``, which recomputes ``view.table`` (a DataFrame) and ``view.figure`` (a
matplotlib Figure, or None with ``view.message`` saying why) through :mod:`natolab.metrics`,
:mod:`natolab.charts` and :mod:`natolab.maps` — no number is computed here — and renders them
into an ``ipywidgets.Output``. Widget values pass the notebooks' own rules
(:mod:`natolab.parameters`). "Save this view" writes the chart (PNG), its table (CSV) and a
``.metadata.json`` (source, editions, parameters, code) to a folder; each view shows the natolab
code that reproduces it. ``notebooks/explore.ipynb`` puts the three views in one notebook.
"""

from natolab.explore._view import DEFAULT_FOLDER, View
from natolab.explore.country import CountryView
from natolab.explore.membership import MembershipView
from natolab.explore.spending import SpendingView

__all__ = ["DEFAULT_FOLDER", "CountryView", "MembershipView", "SpendingView", "View"]
