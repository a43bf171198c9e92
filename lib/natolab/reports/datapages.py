"""``reports/data/<dataset>.html``: one page per dataset of the catalogue, with its CSV beside it.

Each page says what the dataset is (description), what its columns hold (type, unit,
description, constraints, keys), where it comes from (sources, with their grade where
the ``references`` table has one, and editions), under which terms (licences), how to
cite it, and links to a copy of the CSV next to the page, so the report folder can be
shared as a whole. Report footers link here for the datasets each report used.

Written by the runner after every run, from ``datapackage.json`` alone (no pandas: a run
with nothing to do stays quick); a page or CSV is rewritten only when its bytes change.
"""

from __future__ import annotations

import csv
import shutil
from html import escape
from pathlib import Path
from typing import Any

from natolab.reports.credits import (
    DATA_PAGES_DIR,
    citation,
    data_as_of,
    date_in_words,
    month_in_words,
    producer,
    read_catalogue,
    source_grade,
    source_grades,
)
from natolab.reports.index import SITE_CSS

__all__ = ["render_data_page", "write_data_pages"]

_EXTRA_CSS = """
.fields td:first-child, .fields td:nth-child(2) { white-space: nowrap; }
.description { max-width: 50rem; }
.nowrap { white-space: nowrap; }
"""


def _count_rows(path: Path) -> int | None:
    """Data rows of a CSV (records, not lines: a quoted field may hold a line break)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size // 1000, 1)} kB"


def _link(path: str, text: str) -> str:
    if path.startswith(("http://", "https://")):
        return f'<a href="{escape(path)}">{escape(text)}</a>'
    return escape(text)


def _constraints(found: dict[str, Any]) -> str:
    rules = found.get("constraints", {})
    said = []
    if rules.get("required"):
        said.append("required")
    if rules.get("unique"):
        said.append("unique")
    if "enum" in rules:
        said.append("one of: " + ", ".join(f"<code>{escape(str(v))}</code>" for v in rules["enum"]))
    for bound, word in (("minimum", "at least"), ("maximum", "at most")):
        if bound in rules:
            said.append(f"{word} {escape(str(rules[bound]))}")
    return "; ".join(said)


def _fields(res: dict[str, Any]) -> str:
    schema = res.get("schema", {})
    rows = []
    for found in schema.get("fields", []):
        description = escape(found.get("description", ""))
        rules = _constraints(found)
        if rules:
            description += f'<br><span class="note">{rules}</span>'
        rows.append(
            f"<tr><td><code>{escape(found.get('name', ''))}</code></td><td>{escape(found.get('type', 'string'))}</td>"
            f"<td>{escape(str(found.get('unit', '')))}</td><td>{description}</td></tr>"
        )
    keys = []
    primary = schema.get("primaryKey")
    if primary:
        names = [primary] if isinstance(primary, str) else primary
        keys.append("Each row is identified by " + ", ".join(f"<code>{escape(n)}</code>" for n in names) + ".")
    for foreign in schema.get("foreignKeys", []):
        fields = foreign.get("fields")
        fields = [fields] if isinstance(fields, str) else fields or []
        target = foreign.get("reference", {}).get("resource") or res.get("name", "")
        keys.append(
            ", ".join(f"<code>{escape(n)}</code>" for n in fields)
            + f' refers to <a href="{escape(target)}.html">{escape(target)}</a>.'
        )
    table = (
        '<table class="fields"><tr><th>field</th><th>type</th><th>unit</th><th>description</th></tr>\n'
        + "\n".join(rows)
        + "\n</table>"
    )
    return table + (f"<p>{' '.join(keys)}</p>" if keys else "")


def _sources(res: dict[str, Any], grades: dict[str, str]) -> str:
    rows = []
    for source in res.get("sources", []):
        title = _link(str(source.get("path", "")), str(source.get("title", "")))
        path = str(source.get("path", ""))
        if path and not path.startswith(("http://", "https://")):
            title += f'<br><span class="note">{escape(path)}</span>'
        if source.get("description"):
            title += f'<br><span class="note">{escape(str(source["description"]))}</span>'
        edition = month_in_words(source["edition"]) if source.get("edition") else ""
        rows.append(
            f"<tr><td>{title}</td><td>{escape(str(source.get('publisher', '')))}</td>"
            f"<td class=\"nowrap\">{escape(edition)}</td>"
            f"<td>{escape(source_grade(source, grades))}</td>"
            f"<td class=\"nowrap\">{escape(str(source.get('accessed', '')))}</td></tr>"
        )
    if not rows:
        return "<p>The catalogue names no source.</p>"
    return (
        "<table><tr><th>source</th><th>publisher</th><th>edition</th><th>grade</th><th>accessed</th></tr>\n"
        + "\n".join(rows)
        + "\n</table>"
    )


def _licences(res: dict[str, Any]) -> str:
    items = []
    for lic in res.get("licenses", []):
        text = lic.get("title") or lic.get("name", "")
        name = f' <span class="note">({escape(lic["name"])})</span>' if lic.get("name") else ""
        items.append(f"<li>{_link(str(lic.get('path', '')), text)}{name}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>Not stated.</p>"


def render_data_page(
    res: dict[str, Any],
    catalogue: dict[str, Any],
    version: str,
    *,
    rows: int | None,
    csv_link: str | None,
    grades: dict[str, str],
) -> str:
    """The page of one catalogue resource (see the module docstring)."""
    name = str(res.get("name", ""))
    title = str(res.get("title") or name)
    as_of = data_as_of(catalogue)
    facts = [f"<code>{escape(name)}</code>"]
    if rows is not None:
        facts.append(f"{rows:,} rows")
    facts.append(f"{len(res.get('schema', {}).get('fields', []))} fields")
    if csv_link:
        facts.append(csv_link)
    editions = []
    for source in sorted((s for s in res.get("sources", []) if s.get("edition")), key=lambda s: str(s["edition"])):
        line = f"{month_in_words(source['edition'])}: {source.get('title', '')}"  # oldest first
        if source.get("publisher"):
            line += f" ({source['publisher']})"
        if line not in editions:
            editions.append(line)
    producers = []
    for source in res.get("sources", []):
        who = producer(str(source.get("publisher", "")))
        if who and not who.lower().startswith("natolab") and who not in producers:
            producers.append(who)
    cite = citation(producers, title, version, f"{DATA_PAGES_DIR}/{res.get('path', name + '.csv')}", as_of)
    nav = ['<a href="../index.html">&larr; All reports</a>', "natolab data"]
    if as_of:
        nav.append(f"Data as of {escape(date_in_words(as_of))}")
    nav.append(f"natolab {escape(version)}")
    body = [
        f'<nav class="note">{" · ".join(nav)}</nav>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{" · ".join(facts)}</p>',
        f'<p class="description">{escape(str(res.get("description", "")))}</p>',
    ]
    if editions:
        body.append("<h2>Editions</h2><ul>" + "".join(f"<li>{escape(e)}</li>" for e in editions) + "</ul>")
    body += [
        "<h2>Fields</h2>",
        _fields(res),
        "<h2>Sources</h2>",
        _sources(res, grades),
        "<h2>Licences</h2>",
        _licences(res),
        "<h2>How to cite</h2>",
        f'<p class="citation">{escape(cite)}</p>',
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} — natolab data</title>\n<style>{SITE_CSS}{_EXTRA_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _replace_if_changed(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a hidden partial file, unless it is already there."""
    try:
        if path.read_bytes() == content:
            return
    except FileNotFoundError:
        pass
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    partial.replace(path)


def write_data_pages(output_dir: Path, data_dir: Path, version: str) -> list[dict[str, str]]:
    """Write a page (and a copy of the CSV) per catalogue resource under ``output_dir/data``;
    return ``[{"name", "title", "page"}]`` in catalogue order for the index."""
    catalogue = read_catalogue(data_dir)
    resources = catalogue.get("resources", [])
    if not resources:
        return []
    folder = Path(output_dir) / DATA_PAGES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    listed = [{"name": str(res["name"]), "title": str(res.get("title") or res["name"]),
               "page": f"{DATA_PAGES_DIR}/{res['name']}.html"}
              for res in resources if _page_name_ok(str(res.get("name", "")))]
    # A run with nothing new (the 3 a.m. no-op) must stay cheap: the pages depend only on the
    # catalogue, the CSVs and the version, so a key of their sizes and times says whether to
    # rebuild them (reading and counting every CSV costs more than the rest of that run).
    key = _pages_key(data_dir, resources, version)
    stamp = folder / PAGES_KEY
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == key and all(
            (Path(output_dir) / entry["page"]).is_file() for entry in listed):
        return listed
    grades = source_grades(data_dir)
    written = []
    for res in resources:
        name = str(res.get("name", ""))
        if not _page_name_ok(name):
            continue
        source = Path(data_dir) / str(res.get("path", ""))
        csv_link, rows = None, None
        if res.get("path") and source.is_file() and "/" not in str(res["path"]):
            copy = folder / source.name
            if not copy.is_file() or copy.stat().st_size != source.stat().st_size or copy.read_bytes() != source.read_bytes():
                partial = copy.with_name(f".{copy.name}.partial")
                shutil.copyfile(source, partial)
                partial.replace(copy)
            rows = _count_rows(source)
            csv_link = f'<a href="{escape(source.name)}">Download the CSV ({escape(source.name)}, {_size(source)})</a>'
        page = render_data_page(res, catalogue, version, rows=rows, csv_link=csv_link, grades=grades)
        _replace_if_changed(folder / f"{name}.html", page.encode("utf-8"))
        written.append({"name": name, "title": str(res.get("title") or name), "page": f"{DATA_PAGES_DIR}/{name}.html"})
    _replace_if_changed(stamp, key.encode("utf-8"))
    return written


#: File in the data-pages folder holding the key of the inputs the pages were built from (not a
#: dot file: those are a run's partial files, which a finished run never leaves behind).
PAGES_KEY = "pages.key"


def _page_name_ok(name: str) -> bool:
    return bool(name) and "/" not in name and not name.startswith(".")


def _pages_key(data_dir: Path, resources: list[dict], version: str) -> str:
    """Sizes and modification times of the catalogue and every file a page reads, and the version."""
    files = ["datapackage.json", "references.csv"] + sorted(str(r.get("path", "")) for r in resources
                                                            if r.get("path") and "/" not in str(r["path"]))
    parts = [version]
    for name in files:
        try:
            info = (Path(data_dir) / name).stat()
            parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:missing")
    return "\n".join(parts) + "\n"
