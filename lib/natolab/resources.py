"""The curated resources a function reads, in one object: the frames given, else the bundled ones.

:class:`Frames` is the one way a library function is handed data other than its real
inputs: ``members_on("2020-03-27", data=Frames(members=df))``. Tests and notebooks pass
synthetic or edited frames by resource name (the names of ``data/datapackage.json``);
a resource not given, or given as ``None``, is the bundled one, loaded through
:func:`natolab.data.load` the first time it is read. It sits below :mod:`natolab.editions`
and the metrics (which import it as :class:`natolab.metrics.frames.Frames`) so that one
object serves a whole chain of calls, editions included. :mod:`natolab.data` is imported
late: whatever imports this module stays importable without the data layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Frames", "require_columns"]

T = TypeVar("T")


class Frames:
    """Resource frames by name; ``None`` or absent = the bundled resource, loaded once per object.

    ``Frames(members=df, countries=None)``: keywords are resource names (``members``,
    ``countries``, ``eu_membership``, ``partners``, ``defence_expenditure``, ``editions``,
    ``sipri_milex``, ...); an unknown name raises TypeError naming the valid ones.
    ``frames["members"]`` is the given frame or the bundled resource (loaded on first use,
    then kept), :meth:`given` the given frame only, :meth:`derived` a table computed from
    the frames once per object (the spending metrics' checked tables), :meth:`replace` a new
    object with some frames swapped. Frozen and compared by identity (frames have no single
    truth value), so pass the same object down a chain of calls: each resource is loaded,
    and each derived table computed, once.
    """

    __slots__ = ("_derived", "_given", "_loaded")

    def __init__(self, **frames: pd.DataFrame | None) -> None:
        if frames:
            _check_names(frames)
        object.__setattr__(self, "_given", {name: frame for name, frame in frames.items() if frame is not None})
        object.__setattr__(self, "_loaded", {})
        object.__setattr__(self, "_derived", {})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Frames is frozen: make a new one (Frames.replace) to change a frame")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Frames is frozen: make a new one (Frames.replace) to change a frame")

    def __getitem__(self, name: str) -> pd.DataFrame:
        """The frame given for resource ``name``, else the bundled resource (loaded on first use)."""
        given = self._given.get(name)
        if given is not None:
            return given
        from natolab import data, provenance  # imported late: importers stay free of the data layer

        if name not in self._loaded:
            self._loaded[name] = data.load(name)  # records the use in natolab.provenance
        else:
            provenance.record(name)  # every read is a use, as every data.load is
        return self._loaded[name]

    def checked(self, name: str, columns: Iterable[str]) -> pd.DataFrame:
        """``self[name]`` after checking it has ``columns`` (ValueError naming the missing ones)."""
        frame = self[name]
        require_columns(frame, columns, name)
        return frame

    def given(self, name: str) -> pd.DataFrame | None:
        """The frame given for ``name``; None when the resource is the bundled one."""
        return self._given.get(name)

    def derived(self, make: Callable[[Frames], T]) -> T:
        """``make(self)``, computed once per object (a checked or typed table of the frames)."""
        if make not in self._derived:
            self._derived[make] = make(self)
        return self._derived[make]

    def replace(self, **frames: pd.DataFrame | None) -> Frames:
        """A new object with the frames of ``frames`` given instead (``None`` = the bundled one)."""
        return Frames(**{**self._given, **frames})

    def __repr__(self) -> str:
        given = ", ".join(sorted(self._given)) or "none"
        return f"<Frames given: {given}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._given,))


def _rebuild(given: dict[str, pd.DataFrame]) -> Frames:
    return Frames(**given)


def _check_names(frames: dict[str, object]) -> None:
    from natolab import data  # imported late: importers stay free of the data layer

    valid = data.resource_names()
    unknown = sorted(set(frames) - set(valid))
    if unknown:
        raise TypeError(
            f"Frames: unknown resource(s) {', '.join(map(repr, unknown))}. Valid resources: {', '.join(sorted(valid))}"
        )


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise ValueError naming the missing columns of ``what``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}; has {', '.join(map(str, frame.columns))}")
