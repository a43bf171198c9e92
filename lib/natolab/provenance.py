"""What data a notebook used: a small process-wide registry of resources and editions.

:mod:`natolab.data` feeds it: ``load(name)`` records the resource,
``source_note(name, editions)`` the editions a chart credits, and
``defence_expenditure(edition=...)`` the editions it returns. At the end of a
report, :func:`natolab.plots.sources_used` shows what was recorded and publishes it
in the output metadata, where the report runner reads it for the manifest — so a
report lists the editions it drew, not every edition its data file holds.

One kernel runs one report, so the registry lives for the process; :func:`reset`
is for tests and for notebooks that want a fresh start. It is imported by
``natolab.data`` in every kernel: standard library only, nothing heavy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

__all__ = ["record", "reset", "used"]

_used: dict[str, set[str]] = {}
# A notebook may load data from threads (e.g. a widget callback); records must not be lost.
_lock = threading.Lock()


def record(resource: str, editions: Iterable[str] = ()) -> None:
    """Note that ``resource`` was used, drawing on ``editions`` (none: the resource alone).

    A single string counts as one edition, not as its characters. Recording the same
    resource again adds to its editions; it never removes any.
    """
    found = [editions] if isinstance(editions, str) else editions
    wanted = {str(edition) for edition in found if edition}
    with _lock:
        _used.setdefault(str(resource), set()).update(wanted)


def used() -> dict[str, list[str]]:
    """``{resource: sorted editions}`` recorded so far, by resource name; a copy.

    Resources used without an edition map to ``[]``.
    """
    with _lock:
        return {name: sorted(_used[name]) for name in sorted(_used)}


def reset() -> None:
    """Forget everything recorded in this process."""
    with _lock:
        _used.clear()
