"""Validation of notebook parameters, shared by the notebooks and the report runner.

Each notebook's first code cell (tagged ``parameters``) holds plain defaults; its
next cell calls :func:`validate`, and ``natolab report`` calls the same function
before any kernel starts. A bad value raises :class:`ParameterError` naming the
parameter and listing the valid values, so a typo fails at once, in words.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from natolab import countries, data, editions
from natolab.dates import TREATY_SIGNED
from natolab.metrics.burden import present
from natolab.metrics.spending_editions import default_edition

__all__ = [
    "NOTEBOOKS",
    "ParameterError",
    "check_allies",
    "check_ally",
    "check_as_of",
    "check_edition",
    "check_year",
    "validate",
]



class ParameterError(ValueError):
    """A notebook parameter has a value the notebook cannot use."""

    def __init__(self, parameter: str, value: object, problem: str, valid: str) -> None:
        self.parameter = parameter
        self.value = value
        super().__init__(f"Parameter '{parameter}' = {value!r}: {problem}. Valid values: {valid}")


def _closest(value: str, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(value, list(choices), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(matches)}?)" if matches else ""


def _as_of(name: str, value: Any) -> pd.Timestamp:
    last = data.data_as_of()
    valid = f"a date YYYY-MM-DD from {TREATY_SIGNED.date()} to {last.date()} (None = {last.date()})"
    if value is None:
        return last
    try:
        stamp = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        raise ParameterError(name, value, "not a date", valid) from None
    if not TREATY_SIGNED <= stamp <= last:
        raise ParameterError(name, value, "outside the period the data covers", valid)
    return stamp.normalize()


def _allies() -> list[str]:
    return sorted(countries.allies())


def _ally(name: str, value: Any) -> str:
    allies = _allies()
    code = str(value).strip().upper()
    if code not in allies:
        hint = _closest(code, allies)
        raise ParameterError(name, value, f"not the ISO3 code of an Ally{hint}", ", ".join(allies))
    return code


def _ally_list(name: str, value: Any) -> list[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    if not items:
        raise ParameterError(name, value, "empty list", "None (all Allies) or ISO3 codes of Allies")
    return [_ally(name, item) for item in items]


def _expenditure_years(edition: str | None) -> list[int]:
    """Years with a share of GDP in ``edition`` (None: in any edition)."""
    eds = editions.order() if edition is None else [edition]
    return sorted({y for ed in eds for y in editions.years(ed)})


def _year(name: str, value: Any, years: list[int]) -> int:
    valid = f"a year from {years[0]} to {years[-1]}"
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "not a year", valid) from None
    if year != value and str(year) != str(value).strip():
        raise ParameterError(name, value, "not a whole year", valid)
    if year not in years:
        raise ParameterError(name, value, "no NATO share-of-GDP data for that year", valid)
    return year


def _edition(name: str, value: Any) -> str | None:
    if value is None:
        return None
    known = editions.order()
    if str(value) not in known:
        hint = _closest(str(value), known)
        raise ParameterError(name, value, f"not an edition in the data{hint}", ", ".join(known))
    return str(value)


def _percent(name: str, value: Any) -> float:
    valid = "a number of percent of GDP, greater than 0 and at most 10 (e.g. 2, 3.5, 5)"
    try:
        pct = float(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "not a number", valid) from None
    if not 0 < pct <= 10:
        raise ParameterError(name, value, "out of range", valid)
    return pct


def _target_year(name: str, value: Any, year: int) -> int:
    valid = f"a year after {year} and not later than 2100"
    try:
        target = int(value)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "not a year", valid) from None
    if not year < target <= 2100:
        raise ParameterError(name, value, "out of range", valid)
    return target


def _validate_as_of_only(params: dict[str, Any]) -> dict[str, Any]:
    return {"as_of": _as_of("as_of", params.get("as_of"))}


def _validate_enlargement(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "as_of": _as_of("as_of", params.get("as_of")),
        "highlight": _ally_list("highlight", params.get("highlight")) or [],
    }


def _validate_burden_sharing(params: dict[str, Any]) -> dict[str, Any]:
    """``year=None``: the latest year of the edition (today 2026 in July 2026's edition);
    ``edition=None``: the latest edition complete for the year (:mod:`natolab.metrics.burden`)."""
    edition = _edition("edition", params.get("edition"))
    if params.get("year") is None:
        if edition is None:
            now = present()
            year, edition = now.year, now.edition
        else:
            year = editions.years(edition)[-1]
    else:
        year = _year("year", params.get("year"), _expenditure_years(edition))
    if edition is None:
        edition = default_edition(year)
    return {
        "year": year,
        "edition": edition,
        "target_pct": _percent("target_pct", params.get("target_pct")),
        "core_target_pct": _percent("core_target_pct", params.get("core_target_pct")),
        "target_year": _target_year("target_year", params.get("target_year"), year),
        "countries": _ally_list("countries", params.get("countries")),
    }


def _validate_country_profile(params: dict[str, Any]) -> dict[str, Any]:
    return {"country": _ally("country", params.get("country"))}


# --- the rules one by one, for callers that are not notebooks (natolab.explore's widgets) ---


def check_as_of(name: str, value: Any) -> pd.Timestamp:
    """A day from the Treaty's signature to the data's date (None = the data's date)."""
    return _as_of(name, value)


def check_ally(name: str, value: Any) -> str:
    """The ISO3 code of an Ally, upper-case."""
    return _ally(name, value)


def check_allies(name: str, value: Any) -> list[str] | None:
    """ISO3 codes of Allies (None = all Allies); an empty list is refused."""
    return _ally_list(name, value)


def check_edition(name: str, value: Any) -> str | None:
    """An edition of the data (None stays None: the caller's default)."""
    return _edition(name, value)


def check_year(name: str, value: Any, edition: str | None = None) -> int:
    """A year with a NATO share of GDP in ``edition`` (None: in any edition)."""
    return _year(name, value, _expenditure_years(edition))


# Notebook name -> (parameter names, validator). The report runner refuses unknown names.
NOTEBOOKS: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "enlargement": (("as_of", "highlight"), _validate_enlargement),
    "burden_sharing": (
        ("year", "edition", "target_pct", "core_target_pct", "target_year", "countries"),
        _validate_burden_sharing,
    ),
    "eu_nato_cooperation": (("as_of",), _validate_as_of_only),
    "country_profile": (("country",), _validate_country_profile),
    "crisis_management": (("as_of",), _validate_as_of_only),
    "partnerships": (("as_of",), _validate_as_of_only),
    # Same rules as enlargement: a day in the data's span and Allies to mark.
    "deterrence_defence": (("as_of", "highlight"), _validate_enlargement),
}


def validate(notebook: str, params: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise one notebook's parameters; raise :class:`ParameterError` if bad.

    Returns the normalised values: dates as ``Timestamp``, ISO3 codes upper-case,
    ``edition=None`` resolved to the default edition for the year.
    """
    if notebook not in NOTEBOOKS:
        raise ValueError(f"Unknown notebook {notebook!r}. Valid notebooks: {', '.join(NOTEBOOKS)}")
    names, validator = NOTEBOOKS[notebook]
    unknown = sorted(set(params) - set(names))
    if unknown:
        raise ParameterError(
            unknown[0], params[unknown[0]], f"not a parameter of {notebook}", ", ".join(names)
        )
    return validator(params)
