"""``reports/index.html``: every report, grouped by notebook, with the data editions used.

A single static page with inline CSS and no script, so it opens from a file
system, a file share or a web server without a network.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

__all__ = ["INDEX_NAME", "render_index", "write_index"]

INDEX_NAME = "index.html"

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222;
       padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #eee; vertical-align: top; }
code { font-size: 0.85rem; }
.status { font-weight: 600; white-space: nowrap; }
.ok, .skipped { color: #006d2c; } .problem { color: #a50f15; }
.note { color: #555; font-size: 0.85rem; }
"""


def _parameters(parameters: dict[str, Any]) -> str:
    if not parameters:
        return '<span class="note">defaults</span>'
    return "<br>".join(f"<code>{escape(name)} = {escape(repr(value))}</code>" for name, value in parameters.items())


def _editions(report: dict[str, Any] | None) -> str:
    if not report or not report.get("data_editions"):
        return '<span class="note">—</span>'
    lines, undated = [], []
    for resource, editions in report["data_editions"].items():
        if editions:
            lines.append(f"{escape(resource)}: {escape(', '.join(editions))}")
        else:
            undated.append(escape(resource))
    if undated:
        lines.append(f'<span class="note">also read: {", ".join(undated)}</span>')
    return "<br>".join(lines)


def _links(entry: dict[str, Any]) -> str:
    report = entry.get("report")
    job = escape(entry["job"])
    kinds = {".html": "HTML", ".ipynb": "notebook", ".pdf": "PDF"}
    documents, tables = [], []
    for file in (report or {}).get("files", []):
        href = f"{job}/{escape(file)}"
        if file.startswith("tables/"):
            tables.append(f'<a href="{href}">{escape(file.removeprefix("tables/"))}</a>')
        else:
            label = kinds.get(Path(file).suffix, file)
            documents.append(f'<a href="{href}">{escape(label)}</a>')
    lines = [" · ".join(documents)] if documents else []
    if tables:
        lines.append("tables: " + ", ".join(tables))
    if entry.get("failed_notebook"):
        lines.append(f'<a href="{escape(entry["failed_notebook"])}">failed run notebook</a>')
    return "<br>".join(lines) or '<span class="note">no report yet</span>'


def _status(entry: dict[str, Any]) -> str:
    status = entry["status"]
    css = status if status in ("ok", "skipped") else "problem"
    text = f'<span class="status {css}">{escape(status)}</span>'
    if status == "skipped":
        text += '<br><span class="note">up to date</span>'
    if entry.get("error"):
        text += f'<br><span class="note">{escape(entry["error"])}</span>'
    if css == "problem" and entry.get("report"):
        text += '<br><span class="note">showing the last good report</span>'
    return text


def _row(entry: dict[str, Any]) -> str:
    report = entry.get("report")
    job = escape(entry["job"])
    title = job
    if report:
        # The report's own title ("Country profile: one Ally at a glance — Belgium"), so the
        # page can be searched for a country; the job name stays beside it for scripts.
        shown = escape(report.get("title") or entry["job"])
        title = f'<a href="{job}/{job}.html">{shown}</a><br><span class="note"><code>{job}</code></span>'
    return (
        f"<tr><td>{title}</td><td>{_parameters(entry['parameters'])}</td>"
        f"<td>{_status(entry)}</td><td>{_editions(report)}</td><td>{_links(entry)}</td></tr>"
    )


def render_index(entries: list[dict[str, Any]], version: str) -> str:
    """The page for ``entries`` (manifest entries in config order)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["notebook"], []).append(entry)
    sections = []
    for notebook, group in groups.items():
        rows = "\n".join(_row(entry) for entry in group)
        sections.append(
            f'<h2 id="{escape(notebook)}">{escape(notebook)}</h2>\n<table>\n'
            "<tr><th>report</th><th>parameters</th><th>status</th><th>data editions</th>"
            f"<th>files</th></tr>\n{rows}\n</table>"
        )
    problems = sum(1 for entry in entries if entry["status"] not in ("ok", "skipped"))
    summary = f"{len(entries)} reports"
    if problems:
        summary += f", {problems} with a problem in the last run"
    contents = " · ".join(f'<a href="#{escape(n)}">{escape(n)}</a>' for n in groups)
    body = "\n".join(sections) or "<p>No jobs configured.</p>"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>natolab reports</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>natolab reports</h1>\n<p>{summary} · natolab {escape(version)} · "
        '<a href="manifest.json">manifest.json</a></p>\n'
        f"<p>{contents}</p>\n{body}\n</body>\n</html>\n"
    )


def write_index(output_dir: Path, entries: list[dict[str, Any]], version: str) -> Path:
    """Write ``index.html`` atomically; return its path."""
    path = output_dir / INDEX_NAME
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(render_index(entries, version), encoding="utf-8")
    partial.replace(path)
    return path
