"""Who made the data a report used, under which terms, and how to cite it — from the catalogue.

Everything here reads ``data/datapackage.json`` as plain JSON, without pandas: the
runner's main process uses it for the data pages, and a run with nothing to do must
stay quick. The worker uses the same functions for each report's footer, its
workbook's About sheet and its tables' ``.metadata.json``, so a reader finds the same
credit in all four places.

``editions`` arguments are ``{resource: [editions]}`` as the manifest records them:
an empty list means the resource was used without a particular edition.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natolab.labels import date_in_words, month_in_words

__all__ = [
    "DATA_PAGES_DIR",
    "ReportCredit",
    "citation",
    "data_as_of",
    "datasets_used",
    "licences",
    "producer",
    "producers",
    "read_catalogue",
    "report_credit",
    "source_grade",
    "source_grades",
    "sources_used",
]

#: Folder of the data pages below the report folder (``reports/data/<dataset>.html``).
DATA_PAGES_DIR = "data"

# natolab's own curation step is credited as natolab, after the producers.
_OWN_PUBLISHER = re.compile(r"^natolab\b", re.IGNORECASE)
# "(secondary transcription)", "(see references)", "(reprinted by …)": how, not who.
_HOW_NOTE = re.compile(r"\s*\((?=[a-z])[^()]*\)")
_SOURCE_ID = re.compile(r"\[([A-Z]\d{2,3}(?:-\d{2})?)(?:\s*=[^\]]*)?\]")


def read_catalogue(data_dir: Path) -> dict[str, Any]:
    """``datapackage.json`` of ``data_dir``; an empty catalogue if it is missing or unreadable."""
    try:
        return json.loads((Path(data_dir) / "datapackage.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return {}


def _resources(catalogue: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {res.get("name", ""): res for res in catalogue.get("resources", [])}


def data_as_of(catalogue: dict[str, Any]) -> str | None:
    """The catalogue's ``created`` day (``"2026-11-28"``): what the data describes the world as of."""
    created = str(catalogue.get("created") or "")[:10]
    try:
        dt.date.fromisoformat(created)
    except ValueError:
        return None
    return created


def sources_used(res: dict[str, Any], editions: list[str] | None) -> list[dict[str, Any]]:
    """The sources of ``res`` a report drew on: those without an edition, and those of
    ``editions`` (every source when ``editions`` is None). The rule of
    :func:`natolab.data.source_note`, so a footer credits what the charts credit."""
    wanted = None if editions is None else set(editions)
    return [
        source
        for source in res.get("sources", [])
        if wanted is None or not source.get("edition") or source["edition"] in wanted
    ]


def producer(publisher: str) -> str:
    """The organisation behind a source's publisher line, for a citation.

    "NATO Public Diplomacy Division (secondary transcription)" -> "NATO Public Diplomacy
    Division"; "NATO; tidied by alistaire47/passport" -> "NATO"; "Stockholm International
    Peace Research Institute (SIPRI)" keeps its acronym.
    """
    first = str(publisher).split(";")[0]
    return " ".join(_HOW_NOTE.sub("", first).split())


def producers(catalogue: dict[str, Any], editions: dict[str, list[str]]) -> list[str]:
    """Producers of the data behind ``editions``, each once; natolab's own curation is left out
    (it is cited after them).

    The producers of the editions the report drew (NATO's spending report, SIPRI's
    database) come first, then those of the datasets it used whole (membership facts,
    country names), each group in catalogue order.
    """
    drawn: list[str] = []
    whole: list[str] = []
    for name, res in _resources(catalogue).items():
        if name not in editions:
            continue
        for source in sources_used(res, editions[name]):
            who = producer(source.get("publisher") or "")
            if who and not _OWN_PUBLISHER.match(who):
                (drawn if source.get("edition") else whole).append(who)
    found: list[str] = []
    for who in drawn + whole:
        if who not in found:
            found.append(who)
    return found


def datasets_used(catalogue: dict[str, Any], editions: dict[str, list[str]]) -> list[dict[str, Any]]:
    """``[{"name", "title", "editions": [codes], "in_catalogue"}]`` for each dataset a report used:
    those with editions first, each group by name."""
    resources = _resources(catalogue)
    used = []
    # The datasets whose editions the report drew first (the figures), then the others, by name.
    for name in sorted(editions, key=lambda n: (not editions[n], n)):
        res = resources.get(name)
        used.append(
            {
                "name": name,
                "title": (res or {}).get("title") or name,
                "editions": list(editions[name]),
                "in_catalogue": res is not None,
            }
        )
    return used


def licences(catalogue: dict[str, Any], editions: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The licences of the datasets used, each once: ``[{"name", "title", "path", "datasets"}]``.

    The terms of the datasets whose editions the report drew come first, natolab's own
    curation licence last.
    """
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    used = sorted((name for name in _resources(catalogue) if name in editions), key=lambda n: (not editions[n], n))
    resources = _resources(catalogue)
    for name in used:
        for licence in resources[name].get("licenses", []):
            # One entry per licence as a reader sees it: the same terms pointing to two notes files are one.
            path = str(licence.get("path", ""))
            key = (licence.get("name", ""), licence.get("title", ""), path if path.startswith("http") else "")
            entry = found.setdefault(
                key, {"name": key[0], "title": key[1], "path": licence.get("path", ""), "datasets": []})
            entry["datasets"].append(name)
    for entry in found.values():
        entry["datasets"].sort()
    return sorted(found.values(), key=lambda entry: "natolab" in entry["title"].lower())


def citation(
    producer_names: list[str], title: str, version: str, address: str, as_of: str | None
) -> str:
    """One citation line: the producers first, then natolab, its version and the report's address.

    ``NATO; Stockholm International Peace Research Institute (SIPRI). Data as of 28 November
    2026. In: natolab 0.1.0, “Burden sharing — …”, burden_sharing/burden_sharing.html.``
    """
    parts = []
    if producer_names:
        parts.append("; ".join(producer_names) + ".")
    if as_of:
        parts.append(f"Data as of {date_in_words(as_of)}.")
    parts.append(f"In: natolab {version}, “{title}”, {address}.")
    return " ".join(parts)


def source_grades(data_dir: Path) -> dict[str, str]:
    """``{source id: grade}`` from the catalogue's ``references`` table (official, secondary, …);
    empty where there is none."""
    path = Path(data_dir) / "references.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["source_id"]: row["grade"] for row in csv.DictReader(handle) if row.get("grade")}
    except (FileNotFoundError, KeyError, csv.Error, UnicodeDecodeError):
        return {}


def source_grade(source: dict[str, Any], grades: dict[str, str]) -> str:
    """A source's grade: its own ``grade`` field, else the grade of the source id in its title
    ("… [M12]", "… [D65 = O30]"); "" when neither is known."""
    if source.get("grade"):
        return str(source["grade"])
    for source_id in _SOURCE_ID.findall(str(source.get("title", ""))):
        if source_id in grades:
            return grades[source_id]
    return ""


@dataclass
class ReportCredit:
    """What a report's footer, workbook and table metadata say about its data, built once."""

    job: str
    title: str
    version: str
    parameters: dict[str, Any]
    editions: dict[str, list[str]]
    #: ``{dataset: [edition in words]}`` (``natolab.data.edition_in_words``); codes where absent.
    edition_words: dict[str, list[str]]
    as_of: str | None
    datasets: list[dict[str, Any]]
    producers: list[str]
    licences: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    catalogue: dict[str, Any] = field(repr=False)

    @property
    def address(self) -> str:
        """The report's address relative to the report folder (where index.html is)."""
        return f"{self.job}/{self.job}.html"

    @property
    def citation(self) -> str:
        return citation(self.producers, self.title, self.version, self.address, self.as_of)

    def words(self, dataset: str) -> list[str]:
        """The editions of ``dataset`` the report used, in words."""
        return self.edition_words.get(dataset) or [month_in_words(e) for e in self.editions.get(dataset, [])]


def report_credit(
    job: str,
    title: str,
    version: str,
    parameters: dict[str, Any],
    editions: dict[str, list[str]] | None,
    data_dir: Path,
    edition_words: dict[str, list[str]] | None = None,
) -> ReportCredit:
    """Gather a report's credit from the catalogue in ``data_dir`` (see :class:`ReportCredit`)."""
    catalogue = read_catalogue(data_dir)
    used = dict(editions or {})
    resources = _resources(catalogue)
    sources: list[dict[str, Any]] = []
    for name in sorted(used):
        for source in sources_used(resources.get(name, {}), used[name]):
            entry = {key: source[key] for key in ("title", "publisher", "edition", "path") if source.get(key)}
            entry["dataset"] = name
            if entry not in sources:
                sources.append(entry)
    return ReportCredit(
        job=job,
        title=title,
        version=version,
        parameters=dict(parameters),
        editions=used,
        edition_words=dict(edition_words or {}),
        as_of=data_as_of(catalogue),
        datasets=datasets_used(catalogue, used),
        producers=producers(catalogue, used),
        licences=licences(catalogue, used),
        sources=sources,
        catalogue=catalogue,
    )
