"""Field and resource builders shared by the catalogue modules (countries, facts, spending).

They only save typing: each returns a plain Frictionless descriptor dict in the
shape fixed by docs/data-model.md.
"""

from __future__ import annotations

from typing import Any

ACCESSED = "2026-11-28"
ISO3_PATTERN = "[A-Z_]{3,}"
# "M03" (SOURCES.md), "U26-07" (SOURCES-2026-update.md) or "D107" (SOURCES-deterrence.md)
SOURCE_ID_PATTERN = "[A-Z][0-9]{2,3}(-[0-9]{2})?"
SOURCE_IDS_PATTERN = f"{SOURCE_ID_PATTERN}(;{SOURCE_ID_PATTERN})*"
PARTIAL_DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
PRECISIONS = ["day", "month", "year"]



def licence(name: str, title: str, path: str) -> dict[str, str]:
    """A licence descriptor: its short name, the terms in words, and where they are written."""
    return {"name": name, "title": title, "path": path}


CURATION_LICENCE = licence("CC-BY-4.0", "natolab curation: Creative Commons Attribution 4.0",
                           "https://creativecommons.org/licenses/by/4.0/")
FACTS_LICENCE = licence(
    "attribution",
    "Facts compiled from public pages of NATO, EU institutions, governments and media; "
    "credit NATO and the publishers named by each row's source_ids (see references)",
    "shared/sources/facts/SOURCES.md",
)


def field(name: str, description: str, ftype: str = "string", **extra: Any) -> dict[str, Any]:
    """A field descriptor; ``required``, ``enum``, ``pattern``, ``unique``, ``minimum`` and
    ``maximum`` go into ``constraints``, anything else (``unit``...) stays on the field."""
    descriptor: dict[str, Any] = {"name": name, "type": ftype, "description": description}
    constraints = {
        key: extra.pop(key)
        for key in ("required", "unique", "enum", "pattern", "minimum", "maximum")
        if key in extra
    }
    if ftype == "boolean":
        descriptor["trueValues"] = ["true"]
        descriptor["falseValues"] = ["false"]
    descriptor.update(extra)
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def iso3(name: str = "iso3", description: str = "ISO 3166-1 alpha-3 code (key of countries)",
         *, required: bool = True) -> dict[str, Any]:
    """A country key field (foreign key to ``countries``)."""
    return field(name, description, required=required, pattern=ISO3_PATTERN)


def partial_date(name: str, description: str, *, required: bool = False) -> dict[str, Any]:
    """A date that may be known only to the month or year ("2008-04", "1997")."""
    extra: dict[str, Any] = {"pattern": PARTIAL_DATE_PATTERN}
    if required:
        extra["required"] = True
    return field(name, f"{description} (YYYY-MM-DD, YYYY-MM or YYYY: as precise as the "
                 "source; see the sibling *_precision field)", **extra)


def precision(name: str, of: str) -> dict[str, Any]:
    """The precision of a partial date field (day, month, year; blank when the date is)."""
    return field(name, f"How precise {of} is: day, month or year (blank when {of} is blank)",
                 enum=PRECISIONS)


def source_ids(description: str = "") -> dict[str, Any]:
    """The ';'-separated source ids of a row, each a row of ``references``."""
    text = "Source ids (';'-separated) of this row, each listed in the references resource"
    return field("source_ids", f"{text}{'; ' + description if description else ''}",
                 required=True, pattern=SOURCE_IDS_PATTERN)


def flags(description: str = "") -> dict[str, Any]:
    """Free-text flags: conflicts between sources, weak evidence, corrections."""
    text = "Conflicts between sources, weak evidence or corrections for this row (blank = none)"
    return field("flags", f"{text}{'; ' + description if description else ''}")


def foreign_key(field_name: str, resource_name: str, target: str) -> dict[str, Any]:
    """A foreign key from ``field_name`` to ``resource_name.target`` ("" = this resource)."""
    return {"fields": field_name, "reference": {"resource": resource_name, "fields": target}}


def country_fk(*fields: str) -> list[dict[str, Any]]:
    """Foreign keys from each named field to ``countries.iso3``."""
    return [foreign_key(name, "countries", "iso3") for name in fields]


def facts_source(file: str, what: str, *, notes: str = "SOURCES.md",
                 accessed: str = ACCESSED) -> dict[str, Any]:
    """The raw facts file a resource was curated from; ``notes`` (SOURCES.md, or
    SOURCES-2026-update.md for the 2026 update) names each row's pages with their grades
    and flags (``what`` says what the file holds; ``accessed`` is the collection day)."""
    return {
        "title": f"NATO facts collection, {file}",
        "path": f"shared/sources/facts/{file}",
        "description": f"{what}; provenance, grades and flags in shared/sources/facts/{notes}",
        "publisher": "natolab from archived public pages (see references)",
        "accessed": accessed,
    }


# The 2026 update of the facts collection (U26- source ids) was collected on this day.
ACCESSED_2026_UPDATE = "2026-12-01"


def facts_update_source(file: str, what: str) -> dict[str, Any]:
    """A raw file of the 2026 update (provenance in SOURCES-2026-update.md)."""
    return facts_source(file, what, notes="SOURCES-2026-update.md", accessed=ACCESSED_2026_UPDATE)


def resource_descriptor(
    name: str,
    title: str,
    description: str,
    fields: list[dict[str, Any]],
    *,
    primary_key: list[str],
    foreign_keys: list[dict[str, Any]] | None = None,
    sources: list[dict[str, Any]],
    licenses: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A tabular resource descriptor for ``data/<name>.csv``.

    ``foreignKeys`` is written when ``foreign_keys`` is given, even empty (the spending
    resources state "none" explicitly); ``licenses`` defaults to the facts' licences.
    """
    schema: dict[str, Any] = {"fields": fields, "primaryKey": primary_key}
    if foreign_keys is not None:
        schema["foreignKeys"] = foreign_keys
    schema["missingValues"] = [""]
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "description": description,
        "sources": sources,
        "licenses": licenses or [CURATION_LICENCE, FACTS_LICENCE],
        "schema": schema,
    }
