"""references: one row per source id of SOURCES.md, SOURCES-2026-update.md and SOURCES-deterrence.md.

The three files list their sources differently ("- M03 [official] ...", "- **U26-07**
[official] ... Address: ...", "- D01 [official] ..." under "### Sources — ..."); each has
its parser here, and all three give the same columns: source_id, grade (the first word of
the first bracketed tag), grades_mentioned, grade_detail, citation, url, same_as (an id the
entry repeats), topic and entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from natolab.importers.facts.cells import split_ids
from natolab.importers.facts.inputs import SOURCES_FILES

__all__ = [
    "DETERRENCE_SOURCES_MD",
    "build_references",
    "check_source_ids",
    "parse_deterrence_references",
    "parse_references",
    "parse_update_references",
]

_SOURCE_LINE = re.compile(r"^- (?P<id>[A-Z]\d\d) (?P<rest>.*)$")
# SOURCES-2026-update.md, section 3: "- **U26-07** [official] Citation. Address: ... Supports: ..."
_UPDATE_SOURCE_LINE = re.compile(
    r"^- \*\*(?P<id>U26-\d\d)\*\* \[(?P<tag>[^\]]+)\] (?P<citation>.*?) Address: "
    r"(?P<address>.*?) Supports: (?P<supports>.*)$"
)
UPDATE_SOURCES_SECTION = "3. Sources (U26-)"
# "(...; = U22 in SOURCES.md)": the whole entry repeats a source of the first collection.
_UPDATE_ALIAS = re.compile(r"= (?P<ref>[A-Z]\d\d) in SOURCES\.md")

_URL = re.compile(r"https?://\S+")
_GRADE = re.compile(r"\[(?P<tag>[^\]]+)\]")

# "- D01 [official] AIRCOM, ...": a graded source line of a "### Sources — ..." section.
_D_SOURCE_LINE = re.compile(r"^- (?P<id>D\d{2,3}) (?P<rest>\[.*)$")
# "- D97 — not assigned.": an id the collector skipped; no reference row.
_D_NOT_ASSIGNED = re.compile(r"^- D\d{2,3} — not assigned\.$")
# "(Sep 2017; = O44)", "(= O52, O37)": the page is also cited in SOURCES.md under that id.
# references.same_as holds one id (it is a foreign key), so the first is kept; entry has all.
_D_ALIAS = re.compile(r"= (?P<ref>[A-Z]\d\d)\b")
SOURCES_HEADING = "### Sources — "
GRADES = ("official", "reprint", "secondary", "low")
DETERRENCE_SOURCES_MD = SOURCES_FILES["sources_deterrence_md"]


def _lines_under_headings(text: str) -> Iterator[tuple[str, str]]:
    """(the "## " heading above it, line) for every line of ``text`` that is not such a heading."""
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        yield section, line


def parse_references(sources_md: str) -> pd.DataFrame:
    """One row per source id listed in SOURCES.md (grade, citation, URLs, section)."""
    rows = []
    for section, line in _lines_under_headings(sources_md):
        match = _SOURCE_LINE.match(line)
        if match is None:
            continue
        rest = match["rest"]
        same_as = ""
        alias = re.match(r"^= (?P<ref>[A-Z]\d\d)\b", rest)
        if alias:
            same_as = alias["ref"]
        urls = [u.rstrip(".,)") for u in _URL.findall(rest)]
        tags = _GRADE.findall(rest)
        # The grade is the first word of a bracketed tag ("official, archived" -> official);
        # an entry citing several pages can mix grades, so all of them are listed too.
        grades = [re.match(r"[a-z]+", tag).group(0) for tag in tags]
        head = _URL.split(rest, maxsplit=1)[0]
        citation = _GRADE.sub("", head).strip().rstrip(":;").strip()
        rows.append(
            {
                "source_id": match["id"],
                "grade": grades[0] if grades else "",
                "grades_mentioned": ";".join(dict.fromkeys(grades)),
                "grade_detail": " | ".join(tags),
                "citation": citation,
                "url": " ; ".join(urls),
                "same_as": same_as,
                "topic": section,
                "entry": rest,
            }
        )
    frame = pd.DataFrame(rows)
    if frame["source_id"].duplicated().any():
        dups = frame.loc[frame["source_id"].duplicated(), "source_id"].tolist()
        raise ValueError(f"SOURCES.md lists source ids twice: {dups}")
    return frame


def parse_update_references(update_md: str) -> pd.DataFrame:
    """One row per U26-NN source id of SOURCES-2026-update.md, section 3.

    Same columns as :func:`parse_references`. citation is the text before "Address:",
    url the addresses after it (blank where the entry has none, e.g. a code file), topic
    names the file and section, and entry is the whole line as written.
    """
    rows = []
    for section, line in _lines_under_headings(update_md):
        if section != UPDATE_SOURCES_SECTION or not line.startswith("- **U26-"):
            continue
        match = _UPDATE_SOURCE_LINE.match(line)
        if match is None:
            raise ValueError(f"SOURCES-2026-update.md: source line not understood: {line[:60]!r}")
        tag = match["tag"]
        # "[official + secondary]", "[secondary (archive) + official (...)]": one grade per
        # part; the first is the entry's grade, as for SOURCES.md.
        grades = [re.match(r"[a-z]+", part.strip()).group(0) for part in tag.split("+")]
        alias = _UPDATE_ALIAS.search(match["citation"])
        rows.append(
            {
                "source_id": match["id"],
                "grade": grades[0],
                "grades_mentioned": ";".join(dict.fromkeys(grades)),
                "grade_detail": tag,
                "citation": match["citation"].strip().rstrip("."),
                "url": " ; ".join(u.rstrip(".,)") for u in _URL.findall(match["address"])),
                "same_as": alias["ref"] if alias else "",
                "topic": f"SOURCES-2026-update.md: {section}",
                "entry": line[len(f"- **{match['id']}** "):],
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        raise ValueError(f"SOURCES-2026-update.md: no U26 source ids in {UPDATE_SOURCES_SECTION!r}")
    return frame


def parse_deterrence_references(sources_md: str) -> pd.DataFrame:
    """One row per D source id of SOURCES-deterrence.md (its "### Sources — ..." sections).

    Same columns as :func:`parse_references`: grade is the first
    word of the first bracketed tag ("[reprint NATO]" -> reprint), grades_mentioned every
    tag's, citation the text before the first URL, url every URL, same_as the first
    "= O44" alias, topic "SOURCES-deterrence.md: " and the section, entry the line after
    the id. "- D97 — not assigned." lines are skipped; any other line of a sources section
    that starts with "- D" and is not understood fails.
    """
    rows = []
    section = ""
    for line in sources_md.splitlines():
        if line.startswith(("## ", "### ")):
            section = line.lstrip("#").strip() if line.startswith(SOURCES_HEADING) else ""
            continue
        if not section or not line.startswith("- D") or _D_NOT_ASSIGNED.match(line):
            continue
        match = _D_SOURCE_LINE.match(line)
        if match is None:
            raise ValueError(f"{DETERRENCE_SOURCES_MD}: source line not understood: {line[:60]!r}")
        rest = match["rest"]
        tags = _GRADE.findall(rest)
        grades = [re.match(r"[a-z]*", tag).group(0) for tag in tags]
        unknown = [tag for tag, grade in zip(tags, grades, strict=True) if grade not in GRADES]
        if unknown:
            raise ValueError(f"{DETERRENCE_SOURCES_MD} {match['id']}: tags without a known grade {unknown}")
        alias = _D_ALIAS.search(rest)
        head = _URL.split(rest, maxsplit=1)[0]
        rows.append(
            {
                "source_id": match["id"],
                "grade": grades[0],
                "grades_mentioned": ";".join(dict.fromkeys(grades)),
                "grade_detail": " | ".join(tags),
                "citation": _GRADE.sub("", head).strip().rstrip(":;").strip(),
                "url": " ; ".join(u.rstrip(".,)") for u in _URL.findall(rest)),
                "same_as": alias["ref"] if alias else "",
                "topic": f"{DETERRENCE_SOURCES_MD}: {section}",
                "entry": rest,
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        raise ValueError(f"{DETERRENCE_SOURCES_MD}: no D source ids in its '{SOURCES_HEADING}...' sections")
    if frame["source_id"].duplicated().any():
        dups = frame.loc[frame["source_id"].duplicated(), "source_id"].tolist()
        raise ValueError(f"{DETERRENCE_SOURCES_MD} lists source ids twice: {dups}")
    return frame


def build_references(raw: dict[str, object]) -> pd.DataFrame:
    """Every source id: SOURCES.md, then the U26 ids of SOURCES-2026-update.md, then the D ids
    of SOURCES-deterrence.md."""
    frame = pd.concat(
        [parse_references(raw["sources_md"]), parse_update_references(raw["sources_2026_md"]),
         parse_deterrence_references(raw["sources_deterrence_md"])],
        ignore_index=True,
    )
    if frame["source_id"].duplicated().any():
        dups = frame.loc[frame["source_id"].duplicated(), "source_id"].tolist()
        raise ValueError(f"Source ids listed twice: {dups}")
    return frame


def check_source_ids(tables: dict[str, pd.DataFrame], known: set[str], listed_in: str) -> None:
    """Every id in a table's ``source_ids`` is one of ``known`` (the ids ``listed_in`` names)."""
    for name, frame in tables.items():
        if "source_ids" in frame:
            unknown = split_ids(frame["source_ids"]) - known
            if unknown:
                raise ValueError(f"{name}: source ids not in {listed_in}: {sorted(unknown)}")
