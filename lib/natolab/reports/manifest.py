"""``reports/manifest.json``: what ran, with which inputs, and what is published.

One entry per job, in config order::

    {"job": "burden_sharing-2024", "notebook": "burden_sharing", "parameters": {...},
     "status": "ok" | "skipped" | "failed" | "timeout" | "kernel died" | "invalid" | "interrupted",
     "duration_s": 3.1,                      # this run; 0 when skipped
     "error": null | "cell 5 raised ValueError: ...",
     "failed_notebook": null | "_failed/burden_sharing-2024.ipynb",
     "report": null | {                      # the report in reports/<job>/ (last good run)
         "title": "Burden sharing: … — year 2024, edition 2024-06",
         "fingerprint": "sha256…", "inputs": {...}, "natolab_version": "0.1.0",
         "data_editions": {"defence_expenditure": ["2024-06"]}, "files": [...],
         "duration_s": 3.1,
         # for the index (worker._export):
         "topic": "Burden sharing: …",       # the notebook's heading
         "subject": null | "Belgium",        # the heading the report computed for its subject
         "data_as_of": "2026-11-28",
         "data_used": [{"name": …, "title": …, "editions_in_words": [...]}],
         "producers": ["NATO Public Diplomacy Division", …],
         "generated": "2026-12-02T15:05:17Z", # when this report was built (UTC)
         "commit": "0c09e28…", "uncommitted_changes": false}}   # where the checkout is a git one

``data_editions`` is what the notebook said it used (the last output of
``natolab.plots.sources_used``); for a notebook that does not say, every edition of
each data file it opened, from ``datapackage.json`` (:func:`data_editions`).

One timestamp, ``report.generated``, set when a report is built and kept while it is
skipped: two runs that built nothing write the same manifest. Report pages carry no
build time, so rebuilding unchanged inputs changes no report byte; the time lives here
and in ``index.html``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["MANIFEST_NAME", "data_editions", "read_manifest", "write_json_atomically", "write_manifest"]

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1


def read_manifest(output_dir: Path) -> dict[str, dict[str, Any]]:
    """Entries of the existing manifest by job name; empty if there is none or it is unreadable."""
    try:
        raw = json.loads((output_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    if raw.get("format") != FORMAT_VERSION:
        return {}  # an older layout: rerunning everything is the safe reading
    return {entry["job"]: entry for entry in raw.get("jobs", [])}


def write_json_atomically(path: Path, content: Any) -> None:
    """Write JSON to a hidden temporary name, then rename it over ``path``."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)


def write_manifest(output_dir: Path, entries: list[dict[str, Any]], version: str) -> Path:
    """Replace the manifest with ``entries`` (already in config order)."""
    path = output_dir / MANIFEST_NAME
    write_json_atomically(path, {"format": FORMAT_VERSION, "natolab_version": version, "jobs": entries})
    return path


def data_editions(data_dir: Path, files: list[str]) -> dict[str, list[str]]:
    """``{resource: [editions]}`` for the data files a job read, from ``datapackage.json``.

    A resource whose sources carry no edition maps to an empty list; files that
    are not resources (``datapackage.json`` itself) are left out.
    """
    try:
        package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    by_path = {res.get("path"): res for res in package.get("resources", [])}
    editions: dict[str, list[str]] = {}
    for name in files:
        res = by_path.get(name)
        if res is None:
            continue
        found = {str(s["edition"]) for s in res.get("sources", []) if s.get("edition")}
        editions[res.get("name", name)] = sorted(found)
    return dict(sorted(editions.items()))
