"""The data catalogue as code: ``data/datapackage.json`` is generated from these modules.

Each topic module (``countries``, ``facts``, ``spending``) lists Frictionless tabular
resource descriptors in ``RESOURCES``; :func:`build_datapackage` assembles them with
the package-level metadata below. ``natolab data catalogue`` writes the file and a
test checks the committed file equals what the code generates.
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from natolab import paths

__all__ = ["PACKAGE", "TOPIC_MODULES", "build_datapackage", "write_datapackage"]

TOPIC_MODULES = ("countries", "facts", "spending", "deterrence")

PACKAGE: dict[str, Any] = {
    "profile": "tabular-data-package",
    "name": "natolab",
    "title": "natolab: curated data on the North Atlantic Alliance",
    "description": (
        "Membership, EU-NATO cooperation, summits and targets, operations, partnerships and "
        "defence expenditure (NATO editions side by side, SIPRI long run), curated from public "
        "sources. Every value is traceable to a source and edition named here, or blank and "
        "flagged; nothing is interpolated. 'created' is the date the sources were collected: "
        "the data describes the world as of that day."
    ),
    "created": "2026-11-28T00:00:00Z",
    "version": "1.0.0",
    "homepage": "https://github.com/natolab/natolab",
    "licenses": [
        {
            "name": "attribution",
            "title": (
                "Mixed: each resource names its sources' terms (NATO: attribution required; "
                "SIPRI: free for non-commercial use with attribution); natolab's curation "
                "is released under CC-BY-4.0"
            ),
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ],
    "contributors": [{"title": "natolab engineers", "role": "author"}],
}


def _resources() -> list[dict[str, Any]]:
    # Every topic ships with the package: one that does not import is an error, not a topic to skip.
    return [res for topic in TOPIC_MODULES for res in importlib.import_module(f"natolab.metadata.{topic}").RESOURCES]


def build_datapackage() -> dict[str, Any]:
    """The full data package descriptor, ready to be written as JSON."""
    resources = _resources()
    sources: list[dict[str, Any]] = []
    for res in resources:
        for source in res.get("sources", []):
            if source not in sources:
                sources.append(source)
    return {**PACKAGE, "sources": sources, "resources": resources}


def render_datapackage() -> str:
    """The descriptor as the exact text committed in ``data/datapackage.json``."""
    return json.dumps(build_datapackage(), indent=2, ensure_ascii=False) + "\n"


def write_datapackage(path: Path | None = None) -> Path:
    """Write the descriptor atomically (temporary file, then rename) and return its path."""
    target = path or paths.DATAPACKAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".datapackage-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(render_datapackage())
    Path(tmp).replace(target)
    return target
