"""What every explore view shares: the output area, messages, "Save this view" and its code.

A view subclass owns its control widgets and implements :meth:`View.compute` (set
``table``, ``figure``, ``message`` and ``notes`` from the widgets' values, through
natolab's metrics, charts and maps), :meth:`View.render` (display them), and the
description of its state: :meth:`View.parameters`, :meth:`View.code`, :meth:`View.stem`.
"""

from __future__ import annotations

import contextlib
import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, clear_output, display
from matplotlib.figure import Figure

from natolab import data, plots
from natolab.parameters import ParameterError

__all__ = ["DEFAULT_FOLDER", "View", "metadata_fields"]

#: Where "Save this view" writes, relative to the kernel's working directory (in JupyterLab
#: the notebook's folder), unless the analyst types another folder.
DEFAULT_FOLDER = "exports"


def metadata_fields(table: pd.DataFrame) -> list[dict[str, str]]:
    """The table's columns as Frictionless fields: name, type (from the dtype) and a readable title."""
    fields = []
    for column in table.columns:
        dtype = table[column].dtype
        if pd.api.types.is_bool_dtype(dtype):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "integer"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "number"
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            kind = "date"
        else:
            kind = "string"
        fields.append({"name": str(column), "type": kind, "title": plots.header(column)})
    return fields


class View:
    """Base of the explore views: state in plain widgets, results in ``table`` and ``figure``."""

    #: Short name of the view: output names, file names and CSS classes.
    name = "view"
    #: The heading shown above the controls.
    title = "View"

    def __init__(self) -> None:
        self.table = pd.DataFrame()
        self.figure: Figure | None = None
        self.message: str | None = None  # why there is no chart (shown instead of it)
        self.notes: list[str] = []  # what the chart leaves out (shown under it)
        self.output = widgets.Output(layout=widgets.Layout(width="100%"))
        self.output.add_class("natolab-explore-output")
        self.folder = widgets.Text(value=DEFAULT_FOLDER, description="Folder",
                                   placeholder="a folder, relative to the notebook's folder",
                                   layout=widgets.Layout(width="28em"))
        self.save_button = widgets.Button(description="Save this view", icon="download",
                                          tooltip="Chart (PNG), table (CSV) and .metadata.json")
        self.save_button.on_click(lambda _button: self.save())
        self.save_status = widgets.HTML()
        self.code_area = widgets.Textarea(layout=widgets.Layout(width="100%", height="16em"))
        self.code_box = widgets.Accordion(children=[self.code_area],
                                          titles=("natolab code that reproduces this view",))
        self._holding = False
        self._widget: widgets.VBox | None = None

    # --- what a subclass provides ---------------------------------------------------

    def controls(self) -> list[widgets.Widget]:
        """The view's input widgets, top to bottom."""
        raise NotImplementedError

    def compute(self) -> None:
        """Set ``table``, ``figure``, ``message`` and ``notes`` from the widgets' values."""
        raise NotImplementedError

    def render(self) -> None:
        """Display the results (called inside the output area)."""
        raise NotImplementedError

    def parameters(self) -> dict[str, Any]:
        """The widgets' values, JSON-ready: what the saved metadata records."""
        raise NotImplementedError

    def code(self) -> str:
        """natolab code that computes the same ``table`` and ``figure`` without widgets."""
        raise NotImplementedError

    def stem(self) -> str:
        """File name (without suffix) of a saved view, from its parameters."""
        raise NotImplementedError

    def editions(self) -> list[str]:
        """NATO editions the view's numbers come from (none for views without spending)."""
        return []

    def source_note(self) -> str:
        """The source credit the chart carries as its footnote (``data.source_note``)."""
        raise NotImplementedError

    # --- the shared behaviour ---------------------------------------------------------

    @property
    def widget(self) -> widgets.VBox:
        """The whole view: controls, output area, "Save this view" and the code."""
        if self._widget is None:
            heading = widgets.HTML(f"<h3>{html.escape(self.title)}</h3>")
            save_row = widgets.HBox([self.folder, self.save_button])
            self._widget = widgets.VBox([heading, *self.controls(), self.output, save_row,
                                         self.save_status, self.code_box],
                                        layout=widgets.Layout(width="100%"))
            self._widget.add_class(f"natolab-explore-{self.name}")
        return self._widget

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        return self.widget._repr_mimebundle_(**kwargs)

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Change several widgets without recomputing after each change; update once at the end."""
        if self._holding:  # nested: the outer block updates
            yield
            return
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        self.update()

    def update(self, *_change: Any) -> None:
        """Recompute from the widgets' current values and render (every widget's callback)."""
        if self._holding:
            return
        if not _in_kernel():  # a script or a test: no screen to draw on, and errors propagate
            self._recompute()
            return
        # In a kernel an unexpected error is shown in the view (the output area prints its
        # traceback) rather than lost in JupyterLab's log, which a callback's error goes to.
        with self.output:
            clear_output(wait=True)
            self._recompute()
            self.render()

    def _recompute(self) -> None:
        self.table, self.figure, self.message, self.notes = pd.DataFrame(), None, None, []
        self.save_status.value = ""
        try:
            self.compute()
        except ParameterError as err:  # the notebooks' own rules, said in the view
            self.table, self.figure, self.message = pd.DataFrame(), None, str(err)
        if self.message is not None:
            self.figure = None  # a message replaces the chart, never an empty one beside it
        self.code_area.value = self.code()

    def show(self) -> None:
        """Render the current results into the output area (replacing what it showed)."""
        with self.output:
            clear_output(wait=True)
            self.render()

    def show_message(self) -> None:
        """Display ``message`` where the chart would be."""
        if self.message:
            plots.say(f"**Nothing to draw.** {self.message}")

    def show_notes(self) -> None:
        """Display what the chart leaves out, small, under it (its source is the chart's own footnote)."""
        text = "<br>".join(html.escape(line) for line in self.notes if line)
        if text:
            display(HTML(f'<p class="natolab-notes" style="font-size:85%;color:#555">{text}</p>'))

    def save(self, folder: str | Path | None = None) -> list[Path]:
        """Write the chart (PNG), its table (CSV) and ``<stem>.metadata.json`` into ``folder``.

        ``folder`` defaults to the Folder widget (``exports`` under the working directory).
        Returns the paths written; with no chart (a message instead) writes nothing.
        """
        target = Path((self.folder.value.strip() or DEFAULT_FOLDER) if folder is None else folder).expanduser()
        target = Path.cwd() / target  # a relative folder is under the working directory at the time of saving
        if self.figure is None:
            self.save_status.value = html.escape(f"Nothing to save: {self.message or 'no chart'}")
            return []
        stem = self.stem()
        png = plots.save(self.figure, target / f"{stem}.png")
        csv_path = target / f"{stem}.csv"
        floats = [c for c in self.table.columns if pd.api.types.is_float_dtype(self.table[c])]
        # The same precision as the report's CSVs (natolab.plots.table).
        self.table.round(dict.fromkeys(floats, 6)).to_csv(csv_path, index=False, lineterminator="\n")
        meta_path = target / f"{stem}.metadata.json"
        meta_path.write_text(json.dumps(self.metadata(png.name, csv_path.name), indent=2, ensure_ascii=False)
                             + "\n", encoding="utf-8")
        written = [png, csv_path, meta_path]
        shown = ", ".join(html.escape(_relative(p)) for p in written)
        self.save_status.value = f"Saved {shown}"
        return written

    def metadata(self, png_name: str, csv_name: str) -> dict[str, Any]:
        """The ``.metadata.json`` of a saved view: a Frictionless-style description of the CSV
        plus what made it (view, parameters, editions, source, code)."""
        import natolab

        return {
            "name": self.stem(),
            "title": self.figure.get_suptitle() if self.figure is not None else self.title,
            "path": csv_name,
            "format": "csv",
            "schema": {"fields": metadata_fields(self.table)},
            "chart": png_name,
            "source": self.source_note(),
            "editions": self.editions(),
            "view": f"natolab.explore.{type(self).__name__}",
            "parameters": self.parameters(),
            "notes": self.notes,
            "data_as_of": f"{data.data_as_of():%Y-%m-%d}",
            "natolab_version": natolab.__version__,
            "code": self.code(),
        }


def _in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (an IPython shell with a kernel attached)."""
    from IPython import get_ipython

    return getattr(get_ipython(), "kernel", None) is not None


def _relative(path: Path) -> str:
    """``path`` relative to the working directory where it is inside it (no absolute paths shown)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
