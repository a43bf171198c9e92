"""Turn an executed notebook into the files a reader gets: HTML, table CSVs, PDF.

The HTML comes from nbconvert's ``HTMLExporter`` in-process (the CLI costs a
second of imports per notebook) without code cells, and works offline: the
template's CDN scripts (require.js, MathJax, mermaid) are left out and any
remaining remote ``<script src>`` or ``<link href>`` is removed. Charts are
already embedded as data URIs.

Every page has a header line (:func:`page_header`) and a footer (:func:`page_footer`:
how to cite, the data and its licences, the downloads). Neither says when the page was
built, and the cell id papermill draws at random for its injected-parameters cell is
replaced by a fixed one, so exporting the same executed notebook twice gives the same
bytes; the build time is kept in ``manifest.json`` and ``index.html`` only.
"""

from __future__ import annotations

import ast
import copy
import html as html_text
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

__all__ = [
    "CHROMIUM",
    "INJECTED_CELL_ID",
    "PdfError",
    "extract_tables",
    "notebook_html",
    "page_footer",
    "page_header",
    "print_pdf",
    "published_tables",
    "report_heading",
    "report_subject",
    "report_title",
    "strip_remote_assets",
    "used_editions",
]

CHROMIUM = Path("/usr/bin/chromium")
#: The id given to papermill's injected-parameters cell in the HTML (papermill draws a random one).
INJECTED_CELL_ID = "injected-parameters"

# Extends JupyterLab's template with every block that loads code from a CDN emptied.
_TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block body_header -%}
{{ super() }}
{%- if resources.natolab_header %}
<nav class="natolab-header">{{ resources.natolab_header }}</nav>
{%- endif %}
{%- endblock body_header -%}
{% block body_footer %}
</main>
{%- if resources.natolab_footer %}
<footer class="natolab-footer">
{{ resources.natolab_footer }}
</footer>
{%- endif %}
</body>
{% endblock body_footer %}
{% block extra_css %}
<style>
/* natolab reports: folded long tables, and print rules so a PDF reads like the page. */
details.natolab-fold > summary { cursor: pointer; margin: 0.6em 0; }
nav.natolab-header { font-size: 0.85rem; color: #555; padding: 0.5rem 1rem; border-bottom: 1px solid #ddd; }
nav.natolab-header a { color: #0b5cad; }
footer.natolab-footer { font-size: 0.9rem; color: #333; margin: 2rem 0 1rem; padding: 1rem 1rem 0;
  border-top: 2px solid #ddd; max-width: 60rem; line-height: 1.45; }
footer.natolab-footer h2 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
footer.natolab-footer ul { margin: 0.3rem 0; padding-left: 1.2rem; }
footer.natolab-footer li { margin: 0.15rem 0; }
footer.natolab-footer a { color: #0b5cad; }
footer.natolab-footer .natolab-citation { background: #f6f6f6; padding: 0.5rem 0.7rem; border-left: 3px solid #0b5cad; }
footer.natolab-footer .natolab-note { color: #555; }
@media print {
  /* A4 at a reading size: the default burden-sharing report prints on at most 12 pages. */
  @page { size: A4; margin: 12mm 13mm 14mm; }
  :root { --jp-content-font-size1: 9.5pt; --jp-content-font-size2: 12pt; --jp-content-font-size3: 14pt;
          --jp-content-font-size4: 17pt; --jp-content-font-size5: 20pt; --jp-ui-font-size1: 8.5pt;
          --jp-code-font-size: 8.5pt; --jp-content-line-height: 1.4; }
  body { font-size: 9.5pt; }
  .jp-Cell { padding: 0 !important; }
  .jp-OutputPrompt, .jp-InputPrompt { display: none !important; }
  .jp-RenderedHTMLCommon h1 { margin-top: 0.2em; }
  .jp-RenderedHTMLCommon h2 { margin-top: 0.8em; }
  .jp-RenderedImage, .jp-RenderedImage img, figure { break-inside: avoid; page-break-inside: avoid; }
  .jp-RenderedImage img { max-height: 8.5cm; width: auto !important; height: auto !important; max-width: 100%; }
  table { font-size: 8pt; break-inside: auto; }
  .jp-RenderedHTMLCommon table.natolab-table { table-layout: auto; width: 100%; }
  .jp-RenderedHTMLCommon table.natolab-table td, .jp-RenderedHTMLCommon table.natolab-table th { padding: 0.25em 0.4em; }
  tr, thead { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, summary { break-after: avoid; page-break-after: avoid; }
  details:not([open]) > :not(summary) { display: none; }
  .jp-OutputArea-output, .jp-RenderedHTMLCommon { break-inside: auto; }
  nav.natolab-header, footer.natolab-footer { font-size: 8pt; }
  footer.natolab-footer { break-before: auto; }
  footer.natolab-footer section { break-inside: avoid; page-break-inside: avoid; }
}
</style>
{% endblock extra_css %}
{#- A chart's description (plots.set_alt / alt_text) travels in the output's metadata;
    nbconvert's own block ignores it and the exporter then writes a placeholder. -#}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- set width = output | get_metadata('width', 'image/png') -%}
{%- if width is not none %} width="{{ width | escape_html }}"{%- endif %}
{%- set height = output | get_metadata('height', 'image/png') -%}
{%- if height is not none %} height="{{ height | escape_html }}"{%- endif %}
{%- set alt = output | get_metadata('alt', 'image/png') -%}
{%- if alt %} alt="{{ alt | escape_html }}"{%- else %} alt="No description has been provided for this image"{%- endif %}>
</div>
{%- endblock data_png %}
"""

_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL
)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.IGNORECASE)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


class PdfError(RuntimeError):
    """Chromium is missing or did not print the PDF."""


def strip_remote_assets(html: str) -> str:
    """Remove ``<script src=...>`` and ``<link href=...>`` that point to another host."""
    return _REMOTE_LINK.sub("", _REMOTE_SCRIPT.sub("", html))


_exporter: Any = None
#: An output's wrapper, made keyboard-focusable as nbconvert's HTML exporter does.
_OUTPUT_DIV = re.compile(r'<div class="([^"]*\bjp-OutputArea-output\b[^"]*)"')


def _html_exporter() -> Any:
    """One configured exporter per process: building it loads the templates."""
    global _exporter
    if _exporter is None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        class ReportExporter(HTMLExporter):
            """nbconvert's HTML exporter without its BeautifulSoup pass over the finished page.

            That pass parses and re-serialises the whole page (about 0.6 s of a worker's CPU
            for a burden-sharing report, most of the export) to give images without ``alt`` a
            placeholder and outputs a ``tabindex``. Here every chart's ``alt`` comes from its
            builder (the template below), and the ``tabindex`` is set on the text.
            """

            def from_notebook_node(self, nb: Any, resources: dict[str, Any] | None = None,
                                   **kw: Any) -> tuple[str, dict[str, Any]]:
                # HTMLExporter.from_notebook_node up to its BeautifulSoup pass (nbconvert 7).
                language = nb.metadata.get("language_info", {})
                lexer = language.get("pygments_lexer", language.get("name", None))
                highlight = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
                resources = self._init_resources(resources)
                widgets = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                resources=resources)
                self.register_filter("highlight_code", highlight)
                self.register_filter("filter_data_type", widgets)
                html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
                return _OUTPUT_DIV.sub(r'<div class="\1" tabindex="0"', html), resources

        _exporter = ReportExporter(
            template_name="lab",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            extra_loaders=[DictLoader({"natolab_report.html.j2": _TEMPLATE})],
        )
        _exporter.template_file = "natolab_report.html.j2"
    return _exporter


def notebook_html(nb: Any, title: str, header: str | None = None, footer: str | None = None) -> str:
    """HTML of an executed notebook (a ``NotebookNode``) without code, fit to open offline.

    ``header`` (HTML, see :func:`page_header`) goes in a line above the report, ``footer``
    (see :func:`page_footer`) below it. The same notebook gives the same bytes.
    """
    nb = copy.deepcopy(nb)
    for cell in nb.get("cells", []):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = INJECTED_CELL_ID  # papermill's is random; nbconvert writes it into the page
    resources = {"metadata": {"name": title}, "natolab_header": header or "", "natolab_footer": footer or ""}
    body, _ = _html_exporter().from_notebook_node(nb, resources=resources)
    return strip_remote_assets(body)


def page_header(data_dir: Path, editions: dict[str, list[str]] | None, version: str) -> str:
    """The line above every report: back to the index, the data's date, the editions used
    (in words, by dataset title) and the natolab version. Deterministic: nothing here
    depends on when the report was built, so unchanged inputs give the same bytes."""
    from html import escape

    from natolab import data  # late: the report runner's no-change path never needs pandas
    from natolab.labels import day_label, month_in_words

    parts = ['<a href="../index.html">&larr; All reports</a>']
    try:
        parts.append(f"Data as of {day_label(data.data_as_of(data_dir))}")
    except (data.DataValidationError, KeyError, ValueError):
        pass  # no catalogue, or one without a date: say nothing rather than guess
    used = []
    for name, dated in (editions or {}).items():
        if not dated:
            continue
        try:
            title = data.catalogue_entry(name, data_dir).get("title") or name
        except (data.DataValidationError, ValueError):
            title = name
        used.append(f"{escape(str(title))}: {escape(', '.join(month_in_words(e) for e in dated))}")
    if used:
        parts.append("Editions used — " + "; ".join(used))
    parts.append(f"natolab {escape(version)}")
    return " · ".join(parts)


def _title_parts(nb: Any) -> tuple[str | None, str | None, dict[str, str]]:
    """(first heading, the subject heading a report computed, injected parameters as written)."""
    heading, subject, injected = None, None, {}
    for cell in nb.get("cells", []):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown" and heading is None:
            heading = next((line[2:].strip() for line in source.splitlines() if line.startswith("# ")), None)
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            injected = dict(re.findall(r"^(\w+) = (.+)$", source, re.MULTILINE))
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown")
            text = "".join(text) if isinstance(text, list) else text
            if subject is None and text and text.startswith("## ") and "\n" not in text.strip():
                subject = text[3:].strip()
    return heading, subject, injected


def report_heading(nb: Any) -> str | None:
    """The notebook's first heading ("Burden sharing: who pays for NATO's defence"): the topic
    the index files the report under. None without a heading."""
    return _title_parts(nb)[0]


def report_subject(nb: Any) -> str | None:
    """The heading a report computed for its subject ("## Belgium" gives "Belgium"), if any."""
    return _title_parts(nb)[1]


def report_title(nb: Any, job: str) -> str:
    """The title a reader sees for a report: the notebook's first heading, then what the
    job is about — the heading a report computes for its subject ("## Belgium") or, without
    one, the parameters papermill injected, in words ("year 2024, edition of June 2024"). Falls back to
    the job name for a notebook without a heading."""
    heading, subject, injected = _title_parts(nb)
    if heading is None:
        return job
    about = subject or ", ".join(_in_words(name, value) for name, value in injected.items())
    return f"{heading} — {about}" if about else heading


def _in_words(name: str, source: str) -> str:
    """A parameter as papermill wrote it (``edition = "2024-06"``, ``highlight = ["GRC", "TUR"]``)
    in a reader's words: "edition of June 2024", "highlight Greece, Türkiye", "as of 18 February 1952"."""
    try:
        value = ast.literal_eval(source.strip())
    except (ValueError, SyntaxError):
        return f"{name.replace('_', ' ')} {source.strip()}"
    words = ", ".join(_value_in_words(item) for item in (value if isinstance(value, list | tuple) else [value]))
    return f"edition of {words}" if name == "edition" else f"{name.replace('_', ' ')} {words}"


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO3 = re.compile(r"[A-Z]{3}")


def _value_in_words(value: object) -> str:
    """A day as "1 January 2018", an edition as "June 2024", an Ally's code as its name."""
    from natolab.labels import date_in_words, month_in_words

    text = str(value)
    if _DAY.fullmatch(text):
        return date_in_words(text)
    if _ISO3.fullmatch(text):
        from natolab import countries  # late: only a job with a country parameter needs the table

        try:
            return countries.name(text)
        except ValueError:  # not a country code: as written
            return text
    return month_in_words(text)


def _safe(name: str) -> str:
    return _SAFE_NAME.sub("_", name).strip("._") or "table"


_CAPTION = re.compile(r"^\s*(?:<details[^>]*>\s*<summary>|<p>)\s*<strong>(.*?)</strong>", re.DOTALL)


def _caption(output: Any) -> str | None:
    """The caption ``plots.table`` set above (or as the fold of) a table, from its HTML."""
    shown = output.get("data", {}).get("text/html")
    shown = "".join(shown) if isinstance(shown, list) else shown
    match = _CAPTION.match(shown or "")
    if match is None:
        return None
    return html_text.unescape(match.group(1)).strip() or None


def published_tables(nb: Any) -> list[Any]:
    """Every output published by ``natolab.plots.table``, as :class:`~natolab.reports.downloads.Table`
    (file name, CSV text, caption), in the order the report shows them.

    Such outputs carry ``text/csv`` data and ``{"natolab": {"table": name}}`` metadata.
    A repeated name gets ``-2``, ``-3``… so that no table is lost.
    """
    from natolab.reports.downloads import Table

    tables: dict[str, Any] = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("natolab", {}).get("table")
            csv_text = output.get("data", {}).get("text/csv")
            if not name or csv_text is None:
                continue
            csv_text = "".join(csv_text) if isinstance(csv_text, list) else csv_text
            base = _safe(str(name))
            file_name, number = f"{base}.csv", 1
            while file_name in tables:
                number += 1
                file_name = f"{base}-{number}.csv"
            tables[file_name] = Table(file_name, csv_text, _caption(output))
    return list(tables.values())


def extract_tables(nb: Any) -> dict[str, str]:
    """``{file name: CSV text}`` of every output published by ``natolab.plots.table``
    (see :func:`published_tables`)."""
    return {table.file: table.csv_text for table in published_tables(nb)}


def _link(path: str, text: str) -> str:
    """``text`` linked to ``path`` when it is a web address; plain (escaped) otherwise."""
    if re.match(r"https?://", path or ""):
        return f'<a href="{html_text.escape(path)}">{html_text.escape(text)}</a>'
    return html_text.escape(text)


def page_footer(credit: Any, tables: list[Any], *, pdf: bool = False) -> str:
    """The footer of every report page (``credit``: a :class:`~natolab.reports.credits.ReportCredit`):

    * How to cite: the producers of the data first, then natolab, its version and the
      report's address relative to the report folder.
    * The data: each dataset used, linked to its data page, with the editions in words,
      and the licences of those datasets.
    * Downloads: the Excel workbook, each table's CSV and its ``.metadata.json``, the notebook.

    Deterministic: nothing here depends on when the page was built.
    """
    from natolab.labels import date_in_words
    from natolab.reports.credits import DATA_PAGES_DIR

    esc = html_text.escape
    job = esc(credit.job)
    parts = ['<section id="how-to-cite"><h2>How to cite</h2>',
             f'<p class="natolab-citation">{esc(credit.citation)}</p>']
    parts.append('<p class="natolab-note">The producers of the data come first; natolab compiled, checked '
                 "and charted it. The datasets and editions are listed below.</p>")
    parts.append("</section>")
    parts.append('<section id="data-and-licences"><h2>Data and licences</h2>')
    if credit.datasets:
        items = []
        for used in credit.datasets:
            name = used["title"]
            label = (f'<a href="../{DATA_PAGES_DIR}/{esc(used["name"])}.html">{esc(name)}</a>'
                     if used["in_catalogue"] else esc(name))
            words = credit.words(used["name"])
            items.append(f"<li>{label}{': ' + esc('; '.join(words)) if words else ''}</li>")
        parts.append("<p>Datasets this report used (each links to its description, fields and sources):</p>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    else:
        parts.append("<p>This report recorded no use of the curated datasets.</p>")
    if credit.licences:
        items = []
        for lic in credit.licences:
            text = lic["title"] or lic["name"]
            applies = ", ".join(lic["datasets"])
            items.append(f"<li>{_link(lic['path'], text)} <span class=\"natolab-note\">({esc(applies)})</span></li>")
        parts.append("<p>Licences and terms of those datasets:</p><ul>" + "".join(items) + "</ul>")
    parts.append("</section>")
    parts.append('<section id="downloads"><h2>Downloads</h2><ul>')
    parts.append(f'<li><a href="{job}.xlsx">Excel workbook ({job}.xlsx)</a>: every table of this report on its own '
                 "sheet, numbers as numbers, and an About sheet with the sources, licences and citation</li>")
    if tables:
        links = ", ".join(
            f'<a href="tables/{esc(t.file)}">{esc(t.file)}</a> '
            f'(<a href="tables/{esc(t.name)}.metadata.json">metadata</a>)'
            for t in tables
        )
        parts.append(f"<li>Tables as CSV, each with a description of its columns: {links}</li>")
    parts.append(f'<li><a href="{job}.ipynb">The executed notebook ({job}.ipynb)</a></li>')
    if pdf:
        parts.append(f'<li><a href="{job}.pdf">PDF ({job}.pdf)</a></li>')
    parts.append("</ul></section>")
    note = [f"natolab {esc(credit.version)}"]
    if credit.as_of:
        note.insert(0, f"Data as of {esc(date_in_words(credit.as_of))}")
    note.append('<a href="../index.html">All reports</a>')
    parts.append(f'<p class="natolab-note">{" · ".join(note)}</p>')
    return "\n".join(parts)


def used_editions(nb: Any) -> dict[str, list[str]] | None:
    """``{resource: [editions]}`` a notebook says it used, or None if it does not say.

    Taken from the last output with ``{"natolab": {"data_editions": ...}}`` metadata,
    which ``natolab.plots.sources_used`` publishes at the end of a report; the last
    one wins because a report that shows it twice has used more by the second time.
    Resources and editions are sorted, so the manifest does not depend on the order
    a notebook used them in. Malformed metadata is ignored, as if absent.
    """
    found: dict[str, list[str]] | None = None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            editions = output.get("metadata", {}).get("natolab", {}).get("data_editions")
            if isinstance(editions, dict) and all(
                isinstance(name, str) and isinstance(values, list) and all(isinstance(v, str) for v in values)
                for name, values in editions.items()
            ):
                found = {name: sorted(set(editions[name])) for name in sorted(editions)}
    return found


def print_pdf(html: Path, pdf: Path, *, chromium: Path = CHROMIUM, timeout: float = 120) -> None:
    """Print ``html`` to ``pdf`` with headless Chromium; raise :class:`PdfError` if it fails."""
    if not Path(chromium).is_file():
        raise PdfError(
            f"PDF output needs headless Chromium at {chromium}, which is not installed "
            "(Debian/Ubuntu: apt-get install -y chromium); run without --pdf to skip PDFs"
        )
    profile = pdf.parent / f".chromium-{pdf.stem}"
    command = [
        str(chromium),
        "--headless",
        "--no-sandbox",
        "--no-pdf-header-footer",
        "--disable-gpu",
        # A throwaway profile, and no background traffic: reports are built offline.
        f"--user-data-dir={profile}",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--print-to-pdf={pdf}",
        html.resolve().as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PdfError(f"Chromium did not print {pdf.name} within {timeout:.0f} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        detail = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        raise PdfError(f"Chromium did not print {pdf.name}: {detail[0]}")
