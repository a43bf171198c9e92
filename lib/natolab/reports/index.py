"""``reports/index.html``: the catalogue of the report set, for readers.

* What failed in the last run comes first, plainly: the job, what went wrong and where
  its log and notebook are.
* A filter box: typing "Belgium" (or "2024", "SIPRI", "edition 2025-08") hides every
  report that does not match. A few lines of inline script, no library and no network,
  so it works from a file system or a file share; without script the page is complete.
* Every Ally by name, each linking to its country profile.
* One section per topic (notebook), in a fixed order, titled by the notebook's heading;
  for each report its title, the data editions it used in words, the data's date, when
  it was generated (UTC), its downloads, and its technical detail (parameters,
  fingerprint, commit) folded away.
* The datasets behind the reports, each linking to its data page.

Only this page and ``manifest.json`` say when a report was built: report pages do not,
so that rebuilding unchanged inputs changes none of their bytes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from html import escape
from pathlib import Path
from typing import Any

__all__ = ["INDEX_NAME", "SITE_CSS", "TOPIC_ORDER", "render_index", "write_index"]

INDEX_NAME = "index.html"

#: Notebooks in the order their sections appear; others follow in config order.
TOPIC_ORDER = (
    "burden_sharing",
    "country_profile",
    "deterrence_defence",
    "enlargement",
    "eu_nato_cooperation",
    "crisis_management",
    "partnerships",
)
#: The topic whose reports are each about one Ally (``country`` parameter): listed by name.
PROFILES = "country_profile"
OK_STATUSES = ("ok", "skipped")

SITE_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 62rem; color: #222;
       padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
a { color: #0b5cad; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #eee; vertical-align: top; }
code { font-size: 0.85rem; }
.note { color: #555; font-size: 0.88rem; }
.citation { background: #f6f6f6; padding: 0.5rem 0.7rem; border-left: 3px solid #0b5cad; }
"""

_INDEX_CSS = """
.failed { border: 2px solid #a50f15; border-radius: 4px; padding: 0 1rem 0.5rem; background: #fff5f5; }
.failed h2 { color: #a50f15; border-bottom-color: #f3c4c4; }
.failed li { margin: 0.5rem 0; }
.filter { margin: 1.2rem 0 0.5rem; }
.filter input { font-size: 1rem; padding: 0.35rem 0.5rem; width: 22rem; max-width: 100%; }
.allies { line-height: 1.9; }
.allies a { white-space: nowrap; margin-right: 0.6rem; }
ul.reports { list-style: none; padding: 0; margin: 0; }
li.report { padding: 0.6rem 0; border-bottom: 1px solid #eee; }
li.report .title { font-weight: 600; font-size: 1.02rem; }
li.report > div { font-size: 0.9rem; margin-top: 0.15rem; }
li.report details { display: inline-block; vertical-align: top; margin: 0.25rem 1.2rem 0 0; font-size: 0.85rem; }
li.report details[open] { display: block; }
li.report summary { cursor: pointer; color: #444; }
.warning { color: #a50f15; font-weight: 600; }
dl.tech { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0.3rem 0 0.3rem 1rem; }
dl.tech dt { color: #555; } dl.tech dd { margin: 0; overflow-wrap: anywhere; }
.datasets { columns: 2 22rem; }
[hidden] { display: none !important; }
@media print { .filter { display: none; } details:not([open]) > :not(summary) { display: none; } }
"""

# Self-contained: no library, no network, nothing but this page. Words match anywhere in an
# entry's data-search text (title, job, parameters, Ally names, data), accents ignored.
_FILTER_SCRIPT = """
(function () {
  var form = document.getElementById("filter");
  var box = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var entries = document.querySelectorAll("[data-search]");
  var reports = document.querySelectorAll("li.report");
  function fold(text) {
    return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  function apply() {
    var words = fold(box.value).split(/\\s+/).filter(Boolean);
    entries.forEach(function (entry) {
      var text = entry.getAttribute("data-search");
      entry.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    document.querySelectorAll("[data-filter-group]").forEach(function (group) {
      group.hidden = words.length > 0 && !group.querySelector("[data-search]:not([hidden])");
    });
    var shown = 0;
    reports.forEach(function (entry) { if (!entry.hidden) { shown += 1; } });
    count.textContent = words.length ? shown + " of " + reports.length + " reports match" : "";
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  box.addEventListener("input", apply);
  apply();
})();
"""


def _fold(text: str) -> str:
    """Lower case without accents, as the filter script compares ("Türkiye" matches "turkiye")."""
    decomposed = unicodedata.normalize("NFD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _when(stamp: str | None) -> str:
    """``2026-12-02T15:05:17Z`` -> ``2 December 2026, 15:05 UTC``."""
    if not stamp:
        return ""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(dt.UTC)
    except ValueError:
        return escape(stamp)
    return f"{when.day} {when:%B %Y, %H:%M} UTC"


def _day(day: str | None) -> str:
    from natolab.reports.credits import date_in_words

    return date_in_words(day) if day else ""


def _value_words(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _topic_titles(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Each notebook's heading (recorded with its reports); its name in words where no report has one."""
    titles: dict[str, str] = {}
    for entry in entries:
        topic = (entry.get("report") or {}).get("topic")
        if topic and entry["notebook"] not in titles:
            titles[entry["notebook"]] = topic
    for entry in entries:
        titles.setdefault(entry["notebook"], entry["notebook"].replace("_", " ").capitalize())
    return titles


def _ally_names(entries: list[dict[str, Any]]) -> dict[str, str]:
    """``{ISO3: name}`` from the country profiles (their ``country`` parameter and computed subject)."""
    names = {}
    for entry in entries:
        subject = (entry.get("report") or {}).get("subject")
        code = entry.get("parameters", {}).get("country")
        if entry["notebook"] == PROFILES and subject and isinstance(code, str):
            names[code] = subject
    return names


def _short_title(entry: dict[str, Any], topic: str) -> str:
    """The report's title without the topic its section already shows."""
    title = (entry.get("report") or {}).get("title") or entry["job"]
    if title == topic:
        return "Main report"
    prefix = f"{topic} — "
    return title[len(prefix):] if title.startswith(prefix) else title


def _search_text(entry: dict[str, Any], topic: str, allies: dict[str, str]) -> str:
    report = entry.get("report") or {}
    words = [report.get("title") or "", entry["job"], entry["notebook"], topic, report.get("subject") or ""]
    for name, value in entry.get("parameters", {}).items():
        words.append(f"{name.replace('_', ' ')} {_value_words(value)}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item in allies:
                words.append(allies[item])
    # The data a report names an edition of ("SIPRI", "2024-06"), not every file it opened: a
    # dataset's title can name a country ("... Belgium's KFOR series"), and every profile reads it.
    for used in report.get("data_used", []):
        if used.get("editions_in_words"):
            words += [used.get("name", ""), used.get("title", ""), *used["editions_in_words"]]
    for name, editions in (report.get("data_editions") or {}).items():
        if editions:
            words += [name, *editions]
    return _fold(" ".join(words))


def _data_line(report: dict[str, Any]) -> tuple[str, str]:
    """(the editions a report used, in words, under each dataset's linked title; the folded list
    of the datasets it used without a particular edition)."""
    used = report.get("data_used")
    if used is None:  # a manifest written before the words were recorded
        codes = [f"{escape(n)}: {escape(', '.join(e))}" for n, e in (report.get("data_editions") or {}).items() if e]
        return ("Data editions: " + "; ".join(codes) if codes else ""), ""
    dated, undated = [], []
    for dataset in used:
        link = f'<a href="data/{escape(dataset["name"])}.html">{escape(dataset.get("title") or dataset["name"])}</a>'
        words = dataset.get("editions_in_words") or []
        if words:
            # The edition's title is long ("Defence Expenditure of NATO Countries (2014-2024), June 2024"):
            # the line shows the month, the title is one hover away and in the report's header.
            months = ", ".join(
                f'<span title="{escape(w)}">{escape(w.rsplit(", ", 1)[-1])}</span>' for w in words)
            dated.append(f"{link}: {months}")
        else:
            undated.append(link)
    line = "Editions used: " + "; ".join(dated) if dated else ""
    folded = ""
    if undated:
        folded = (f"<details><summary>{'Other data' if dated else 'Data'} used ({len(undated)})</summary>"
                  f"{', '.join(undated)}</details>")
    return line, folded


def _downloads(entry: dict[str, Any]) -> tuple[str, str]:
    """(the documents' line, the folded list of table CSVs)."""
    job = escape(entry["job"])
    files = (entry.get("report") or {}).get("files", [])
    kinds = {".xlsx": "Excel workbook", ".pdf": "PDF", ".ipynb": "notebook"}
    documents = [f'<a href="{job}/{escape(f)}">{kinds[Path(f).suffix]}</a>'
                 for suffix in (".xlsx", ".pdf", ".ipynb") for f in files
                 if "/" not in f and Path(f).suffix == suffix]
    tables = [f for f in files if f.startswith("tables/") and f.endswith(".csv")]
    folded = ""
    if tables:
        links = ", ".join(f'<a href="{job}/{escape(f)}">{escape(f.removeprefix("tables/"))}</a>' for f in tables)
        folded = (f"<details><summary>{len(tables)} {'table' if len(tables) == 1 else 'tables'} (CSV)</summary>"
                  f"{links}</details>")
    return " · ".join(documents), folded


def _technical(entry: dict[str, Any]) -> str:
    report = entry.get("report") or {}
    rows = [("job", f"<code>{escape(entry['job'])}</code>"), ("notebook", f"<code>{escape(entry['notebook'])}</code>")]
    parameters = entry.get("parameters") or {}
    rows.append(("parameters", "<br>".join(f"<code>{escape(n)} = {escape(repr(v))}</code>" for n, v in parameters.items())
                 or "the notebook's defaults"))
    last = escape(entry["status"]) + (" (up to date)" if entry["status"] == "skipped" else f", {entry['duration_s']:.1f} s")
    rows.append(("last run", last))
    if report:
        rows.append(("fingerprint", f"<code>{escape(report.get('fingerprint', ''))}</code>"))
        if report.get("commit"):
            dirty = " (with uncommitted changes)" if report.get("uncommitted_changes") else ""
            rows.append(("commit", f"<code>{escape(report['commit'])}</code>{dirty}"))
        rows.append(("natolab", escape(report.get("natolab_version", ""))))
        editions = report.get("data_editions") or {}
        if editions:
            rows.append(("editions", "<br>".join(
                f"<code>{escape(n)}</code>: {escape(', '.join(e)) if e else 'none in particular'}"
                for n, e in editions.items())))
        read = (report.get("inputs") or {}).get("data_read")
        if read:
            rows.append(("data files read", ", ".join(f"<code>{escape(f)}</code>" for f in read)))
    cells = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<details><summary>Technical details</summary><dl class="tech">{cells}</dl></details>'


def _entry(entry: dict[str, Any], topic: str, allies: dict[str, str]) -> str:
    report = entry.get("report")
    job = escape(entry["job"])
    shown = escape(_short_title(entry, topic))
    full = escape((report or {}).get("title") or entry["job"])
    if report:
        title = f'<a class="title" href="{job}/{job}.html" title="{full}">{shown}</a>'
    else:
        title = f'<span class="title">{shown}</span> <span class="warning">no report yet</span>'
    lines = [title]
    if report and entry["status"] not in OK_STATUSES:
        lines.append(f'<div class="warning">The last run {escape(entry["status"])}: this is the last good '
                     'report (see “Failed” above).</div>')
    if report:
        meta = []
        if report.get("data_as_of"):
            meta.append(f"Data as of {_day(report['data_as_of'])}")
        if report.get("generated"):
            meta.append(f"generated {_when(report['generated'])}")
        if meta:
            lines.append(f'<div class="note">{" · ".join(meta)}</div>')
        data_line, other_data = _data_line(report)
        if data_line:
            lines.append(f"<div>{data_line}</div>")
        documents, tables = _downloads(entry)
        if documents:
            lines.append(f"<div>Downloads: {documents}</div>")
        lines.append(f"<div>{tables}{other_data}{_technical(entry)}</div>")
    else:
        lines.append(f"<div>{_technical(entry)}</div>")
    search = escape(_search_text(entry, topic, allies))
    return f'<li class="report" id="report-{job}" data-search="{search}">{"".join(lines)}</li>'


def _failures(entries: list[dict[str, Any]], logs: set[str] | None) -> str:
    failed = [entry for entry in entries if entry["status"] not in OK_STATUSES]
    if not failed:
        return ""
    items = []
    for entry in failed:
        job = entry["job"]
        report = entry.get("report") or {}
        name = escape(report.get("title") or job)
        text = (f"<strong>{name}</strong> (<code>{escape(job)}</code>): {escape(entry['status'])}"
                f"{' — ' + escape(entry['error']) if entry.get('error') else ''}.")
        where = []
        log = f"_failed/{job}.log"
        if (logs is None and entry.get("failed_notebook")) or (logs is not None and job in logs):
            where.append(f'log <a href="{escape(log)}"><code>{escape(log)}</code></a>')
        if entry.get("failed_notebook"):
            notebook = entry["failed_notebook"]
            where.append(f'failed notebook <a href="{escape(notebook)}"><code>{escape(notebook)}</code></a>')
        if not where and entry["status"] == "invalid":
            where.append("refused before any kernel started: nothing ran, so there is no log")
        if where:
            text += "<br>" + "; ".join(where) + "."
        text += (f' <a href="#report-{escape(job)}">The last good report is still published.</a>' if report
                 else " No report has been published for it yet.")
        items.append(f"<li>{text}</li>")
    return (f'<section class="failed" id="failed"><h2>Failed in the last run ({len(failed)})</h2>'
            f"<ul>{''.join(items)}</ul></section>")


def _allies_strip(entries: list[dict[str, Any]], allies: dict[str, str]) -> str:
    profiles = [e for e in entries if e["notebook"] == PROFILES and e.get("report")]
    if not profiles:
        return ""
    links = []
    for entry in sorted(profiles, key=lambda e: _fold(allies.get(e["parameters"].get("country"), e["job"]))):
        code = entry["parameters"].get("country")
        name = allies.get(code) or _value_words(code or entry["job"])
        job = escape(entry["job"])
        search = escape(_fold(f"{name} {code or ''} {entry['job']}"))
        links.append(f'<a href="{job}/{job}.html" data-search="{search}">{escape(name)}</a>')
    return (f'<section id="allies" data-filter-group><h2>Allies</h2>'
            f'<p class="note">Each Ally\'s profile: membership, defence spending, deployments.</p>'
            f'<p class="allies">{" ".join(links)}</p></section>')


def _ordered_topics(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry["notebook"], []).append(entry)
    rank = {notebook: position for position, notebook in enumerate(TOPIC_ORDER)}
    order = sorted(groups, key=lambda nb: (rank.get(nb, len(TOPIC_ORDER)), list(groups).index(nb)))
    return {notebook: groups[notebook] for notebook in order}


def render_index(
    entries: list[dict[str, Any]],
    version: str,
    *,
    datasets: list[dict[str, str]] | None = None,
    logs: set[str] | None = None,
) -> str:
    """The page for ``entries`` (manifest entries in config order).

    ``datasets``: ``[{"name", "title", "page"}]`` of the data pages; ``logs``: jobs whose
    ``_failed/<job>.log`` exists (None: assume one beside every failed notebook).
    """
    topics = _topic_titles(entries)
    allies = _ally_names(entries)
    groups = _ordered_topics(entries)
    sections = []
    for notebook, group in groups.items():
        topic = topics[notebook]
        if notebook == PROFILES:
            group = sorted(group, key=lambda e: _fold(_short_title(e, topic)))
        items = "\n".join(_entry(entry, topic, allies) for entry in group)
        sections.append(
            f'<section id="{escape(notebook)}" data-filter-group>\n<h2>{escape(topic)}</h2>\n'
            f'<ul class="reports">\n{items}\n</ul>\n</section>'
        )
    as_of = sorted({(e.get("report") or {}).get("data_as_of") for e in entries} - {None})
    summary = [f"{len(entries)} reports on {len(groups)} topics"]
    if as_of:
        summary.append(f"data as of {_day(as_of[-1])}")
    summary += [f"natolab {escape(version)}", '<a href="manifest.json">manifest.json</a>']
    contents = [f'<a href="#{escape(nb)}">{escape(topics[nb])}</a>' for nb in groups]
    if datasets:
        contents.append('<a href="#datasets">Datasets</a>')
    data_section = ""
    if datasets:
        links = "".join(f'<li><a href="{escape(d["page"])}">{escape(d["title"])}</a></li>' for d in datasets)
        data_section = (f'<section id="datasets"><h2>Datasets</h2><p class="note">The curated data behind the '
                        f'reports: fields, sources, editions, licences and the CSV.</p>'
                        f'<ul class="datasets">{links}</ul></section>')
    body = "\n".join(sections) or "<p>No jobs configured.</p>"
    filter_form = (
        '<form class="filter" id="filter" role="search" hidden>'
        '<label for="filter-text">Filter reports: </label>'
        '<input type="search" id="filter-text" placeholder="e.g. Belgium, 2024, SIPRI" '
        'autocomplete="off"> <span id="filter-count" class="note" aria-live="polite"></span></form>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>natolab reports: NATO analysis by topic and by Ally</title>\n"
        f"<style>{SITE_CSS}{_INDEX_CSS}</style>\n</head>\n<body>\n"
        "<h1>natolab reports</h1>\n"
        f'<p class="note">{" · ".join(summary)}</p>\n'
        f"{_failures(entries, logs)}\n"
        f"{filter_form}\n"
        f'<p class="note">Topics: {" · ".join(contents)}</p>\n'
        f"{_allies_strip(entries, allies)}\n"
        f"{body}\n{data_section}\n"
        f"<script>{_FILTER_SCRIPT}</script>\n</body>\n</html>\n"
    )


def write_index(
    output_dir: Path, entries: list[dict[str, Any]], version: str, *, datasets: list[dict[str, str]] | None = None
) -> Path:
    """Write ``index.html`` atomically; return its path."""
    failed_dir = output_dir / "_failed"
    logs = {p.stem for p in failed_dir.glob("*.log")} if failed_dir.is_dir() else set()
    path = output_dir / INDEX_NAME
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(render_index(entries, version, datasets=datasets, logs=logs), encoding="utf-8")
    partial.replace(path)
    return path
