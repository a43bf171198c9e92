"""Typed, validated loading of the curated datasets, driven by ``data/datapackage.json``.

The catalogue is the single description of every CSV: field types, units,
constraints, primary and foreign keys. :func:`load` reads a CSV as text, checks
it against that schema and converts it to typed columns, so a malformed file
fails loudly with the file, line, column and bad value instead of producing a
silently wrong chart.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from natolab import frame_cache, paths, provenance
from natolab.labels import month_in_words

__all__ = [
    "DataValidationError",
    "catalogue",
    "catalogue_entry",
    "clear_cache",
    "data_as_of",
    "defence_expenditure",
    "edition_in_words",
    "load",
    "on_clear_cache",
    "resource_names",
    "source_note",
    "validate_all",
]

_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


class DataValidationError(ValueError):
    """A curated CSV does not match its schema in the catalogue."""

    def __init__(
        self,
        file: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        self.file = Path(file)
        self.line = line
        self.column = column
        self.value = value
        where = str(self.file)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        text = f"{where}: {problem}"
        if value is not None:
            text += f" (value: {value!r})"
        super().__init__(text)


def _data_dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else paths.DATA_DIR


@functools.cache
def _catalogue(data_dir: Path) -> dict[str, Any]:
    package_file = data_dir / "datapackage.json"
    try:
        return json.loads(package_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataValidationError(package_file, "catalogue not found") from None
    except json.JSONDecodeError as err:
        raise DataValidationError(package_file, f"not valid JSON: {err}", line=err.lineno) from None


def catalogue(data_dir: Path | str | None = None) -> dict[str, Any]:
    """The data package descriptor (``datapackage.json``) as a dict."""
    return _catalogue(_data_dir(data_dir))


def resource_names(data_dir: Path | str | None = None) -> list[str]:
    """Names of every resource in the catalogue, in catalogue order."""
    return [res["name"] for res in catalogue(data_dir)["resources"]]


def catalogue_entry(name: str, data_dir: Path | str | None = None) -> dict[str, Any]:
    """The catalogue entry of one resource; unknown names list the valid ones."""
    for res in catalogue(data_dir)["resources"]:
        if res["name"] == name:
            return res
    valid = ", ".join(sorted(resource_names(data_dir)))
    raise ValueError(f"Unknown dataset {name!r}. Valid datasets: {valid}")


def data_as_of(data_dir: Path | str | None = None) -> pd.Timestamp:
    """The date the curated data describes the world as of (the package's ``created`` date)."""
    return pd.Timestamp(catalogue(data_dir)["created"][:10])


# Caches of the layers above (countries' name index) built from frames loaded here. They
# register themselves, so this module never imports the modules built on it.
_CLEARED_WITH: list[Callable[[], None]] = []


def on_clear_cache(clear: Callable[[], None]) -> None:
    """Have :func:`clear_cache` also call ``clear`` (a cache of a module built on this one)."""
    if clear not in _CLEARED_WITH:
        _CLEARED_WITH.append(clear)


def clear_cache() -> None:
    """Forget cached catalogues and frames (after the files on disk changed), and every
    cache registered with :func:`on_clear_cache`."""
    _catalogue.cache_clear()
    _load_checked.cache_clear()
    for clear in _CLEARED_WITH:
        clear()


def load(name: str, *, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load one curated dataset as a typed, validated DataFrame (cached per process, and for
    the project's data/ on disk by content, see :mod:`natolab.frame_cache`).

    Dates become ``datetime64``, integers nullable ``Int64``, numbers ``float64``,
    booleans ``boolean`` and fields with an ``enum`` constraint ``Categorical``.
    Raises :class:`DataValidationError` naming file, line, column and value when
    the CSV breaks its schema (missing column, bad type, duplicate key, unknown
    foreign key such as a country code not in ``countries``).

    Every call (cached or not) records ``name`` in :mod:`natolab.provenance`.
    """
    frame = _load_checked(name, _data_dir(data_dir)).copy()
    # Recorded here, not in the cached loader: a second notebook cell loading the same
    # dataset is still a use, and the cache must not hide it after a reset().
    provenance.record(name)
    return frame


def _disk_cached(data_dir: Path) -> bool:
    """Only the project's own data/ is cached on disk (see :mod:`natolab.frame_cache`);
    test folders and other copies are validated from their CSVs every time."""
    return data_dir == paths.DATA_DIR


@functools.cache
def _load_checked(name: str, data_dir: Path) -> pd.DataFrame:
    res = catalogue_entry(name, data_dir)
    file = data_dir / res["path"]
    if not _disk_cached(data_dir):
        return _validated(name, res, file, data_dir)
    targets = {fk["reference"].get("resource") or name for fk in res["schema"].get("foreignKeys", [])} - {name}
    try:
        inputs = [file, data_dir / "datapackage.json",
                  *(data_dir / catalogue_entry(t, data_dir)["path"] for t in sorted(targets))]
        content_key = frame_cache.key(name, inputs)
    except OSError:  # a missing file: let validation name it
        return _validated(name, res, file, data_dir)
    frame = frame_cache.get(name, content_key)
    if frame is None:
        frame = _validated(name, res, file, data_dir)
        frame_cache.put(name, content_key, frame)
    return frame


def _validated(name: str, res: dict[str, Any], file: Path, data_dir: Path) -> pd.DataFrame:
    """Parse ``file`` and apply every check of the catalogue (types, constraints, keys)."""
    schema = res["schema"]
    raw = _read_text_csv(file)
    _check_columns(raw, schema, file)
    frame = pd.DataFrame({field["name"]: _convert(raw[field["name"]], field, file) for field in schema["fields"]},
                         index=raw.index)
    _check_primary_key(frame, schema, file)
    for foreign_key in schema.get("foreignKeys", []):
        _check_foreign_key(frame, foreign_key, file, data_dir, name)
    return frame


def _read_text_csv(file: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataValidationError(file, "file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataValidationError(file, f"not a well-formed UTF-8 CSV: {err}") from None
    except pd.errors.EmptyDataError:
        raise DataValidationError(file, "file is empty (no header row)") from None


def _check_columns(raw: pd.DataFrame, schema: dict[str, Any], file: Path) -> None:
    expected = [field["name"] for field in schema["fields"]]
    missing = [col for col in expected if col not in raw.columns]
    if missing:
        raise DataValidationError(
            file,
            f"missing column(s) {', '.join(missing)}; expected columns: {', '.join(expected)}",
            line=1,
        )
    extra = [col for col in raw.columns if col not in expected]
    if extra:
        raise DataValidationError(
            file,
            f"unexpected column(s) {', '.join(extra)}; expected columns: {', '.join(expected)}",
            line=1,
        )


def _line(position: int) -> int:
    """CSV line of the row at ``position`` (line 1 is the header)."""
    return position + 2


def _fail_first(mask: pd.Series | np.ndarray, raw: pd.Series, file: Path, field: str, problem: str) -> None:
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        position = int(mask.nonzero()[0][0])
        raise DataValidationError(
            file,
            f"{problem} ({int(mask.sum())} bad value(s) in this column)",
            line=_line(position),
            column=field,
            value=raw.iloc[position],
        )


def _convert(raw: pd.Series, field: dict[str, Any], file: Path) -> pd.Series:
    """One column from text to its type. Masks are numpy arrays: ~185 fields are converted to
    load all the data, and pandas' per-operation overhead on small columns was most of the time."""
    name = field["name"]
    ftype = field.get("type", "string")
    constraints = field.get("constraints", {})
    values = raw.to_numpy(dtype=object)
    blank = values == ""
    masked = raw.where(~blank)
    if constraints.get("required"):
        _fail_first(blank, raw, file, name, "required value is blank")
    present = ~blank
    if ftype in ("integer", "year"):
        numbers = pd.to_numeric(masked, errors="coerce")
        bad = present & (numbers.isna() | (numbers % 1 != 0)).to_numpy()
        _fail_first(bad, raw, file, name, "not an integer")
        result = numbers.astype("Int64")
    elif ftype == "number":
        result = pd.to_numeric(masked, errors="coerce").astype("float64")
        _fail_first(present & result.isna().to_numpy(), raw, file, name, "not a number")
    elif ftype == "boolean":
        true_values = field.get("trueValues", _TRUE)
        false_values = field.get("falseValues", _FALSE)
        bad = present & ~raw.isin([*true_values, *false_values]).to_numpy()
        allowed = ", ".join([*true_values, *false_values])
        _fail_first(bad, raw, file, name, f"not a boolean (allowed: {allowed})")
        # A dict lookup, not a Python call per row: blanks become NaN, then <NA>.
        result = raw.map({**dict.fromkeys(true_values, True), **dict.fromkeys(false_values, False)})
        result = result.astype("boolean")
    elif ftype == "date":
        result = pd.to_datetime(masked, format="%Y-%m-%d", errors="coerce")
        _fail_first(present & result.isna().to_numpy(), raw, file, name, "not a date in YYYY-MM-DD form")
    else:
        result = masked
        pattern = constraints.get("pattern")
        if pattern:
            regex = re.compile(pattern)
            # Codes repeat thousands of times (iso3, edition): match each distinct value once.
            misfits = [v for v in raw[present].unique() if not regex.fullmatch(v)]
            bad = present & raw.isin(misfits).to_numpy()
            _fail_first(bad, raw, file, name, f"does not match the pattern {pattern}")
    _check_bounds(result, raw, present, constraints, file, name)
    enum = constraints.get("enum")
    if enum:
        bad = present & ~raw.isin([str(v) for v in enum]).to_numpy()
        _fail_first(bad, raw, file, name, f"not one of the allowed values: {', '.join(map(str, enum))}")
        if ftype == "string":
            result = pd.Categorical(result, categories=enum)
    if constraints.get("unique"):
        dup = present & raw.duplicated(keep="first").to_numpy()
        _fail_first(dup, raw, file, name, "duplicate value in a unique column")
    if isinstance(result, pd.Series):
        return result.rename(name)
    return pd.Series(result, index=raw.index, name=name)


def _check_bounds(result: Any, raw: pd.Series, present: np.ndarray, constraints: dict[str, Any],
                  file: Path, name: str) -> None:
    """Enforce the catalogue's ``minimum`` / ``maximum`` on numbers, years and dates."""
    if "minimum" not in constraints and "maximum" not in constraints:
        return
    values = pd.Series(result, index=raw.index)
    for key, outside in (("minimum", values.lt), ("maximum", values.gt)):
        if key not in constraints:
            continue
        bound = constraints[key]
        if pd.api.types.is_datetime64_any_dtype(values):
            bound = pd.Timestamp(bound)
        bad = present & outside(bound).fillna(False).astype(bool).to_numpy()
        _fail_first(bad, raw, file, name, f"below the minimum {constraints[key]}" if key == "minimum"
                    else f"above the maximum {constraints[key]}")


def _as_list(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def _check_primary_key(frame: pd.DataFrame, schema: dict[str, Any], file: Path) -> None:
    key = _as_list(schema.get("primaryKey", []))
    if not key:
        return
    for col in key:
        _fail_first(frame[col].isna(), frame[col], file, col, "primary-key value is blank")
    dup = frame.duplicated(subset=key, keep="first")
    if dup.any():
        position = int(dup.to_numpy().nonzero()[0][0])
        values = tuple(frame[col].iloc[position] for col in key)
        raise DataValidationError(
            file,
            f"duplicate primary key ({', '.join(key)})",
            line=_line(position),
            column=", ".join(key),
            value=values if len(values) > 1 else values[0],
        )


def _check_foreign_key(
    frame: pd.DataFrame, foreign_key: dict[str, Any], file: Path, data_dir: Path, name: str
) -> None:
    fields = _as_list(foreign_key["fields"])
    reference = foreign_key["reference"]
    target_name = reference.get("resource") or name
    target_fields = _as_list(reference["fields"])
    target = frame if target_name == name else _load_checked(target_name, data_dir)
    # Vectorised: a Python loop over every row was a third of loading all the data.
    has_value = frame[fields].notna().all(axis=1).to_numpy()
    if len(fields) == 1:
        # Compared as text: a code column may be categorical on one side and plain on the other.
        valid = target[target_fields[0]].dropna().astype(str).unique()
        bad = has_value & ~frame[fields[0]].astype(str).isin(valid).to_numpy()
    else:
        bad = has_value & ~_key_index(frame, fields).isin(_key_index(target, target_fields))
    if bad.any():
        position = int(bad.nonzero()[0][0])
        key = tuple(str(frame[f].iloc[position]) for f in fields)
        key = key[0] if len(fields) == 1 else key
        raise DataValidationError(
            file,
            f"unknown {'/'.join(fields)}: not in {target_name}.{'/'.join(target_fields)}",
            line=_line(position),
            column=", ".join(fields),
            value=key,
        )


def _key_index(frame: pd.DataFrame, fields: list[str]) -> pd.MultiIndex:
    """The values of several ``fields`` as text, one tuple per row."""
    return pd.MultiIndex.from_frame(frame[fields].astype(str))


def validate_all(data_dir: Path | str | None = None) -> list[str]:
    """Load every resource with full checks; return the problems found (empty = clean)."""
    directory = _data_dir(data_dir)
    problems: list[str] = []
    try:
        names = resource_names(directory)
    except DataValidationError as err:
        return [str(err)]
    listed = {catalogue_entry(name, directory)["path"] for name in names}
    for csv in sorted(directory.glob("*.csv")):
        if csv.name not in listed:
            problems.append(f"{csv}: not described in datapackage.json")
    for name in names:
        try:
            _load_checked(name, directory)
        except (DataValidationError, ValueError) as err:
            problems.append(str(err))
    return problems


def defence_expenditure(
    edition: str = "latest",
    indicator: str | Iterable[str] | None = None,
    *,
    data_dir: Path | str | None = None,
) -> pd.DataFrame:
    """NATO defence-expenditure values, long form, always with their ``edition``.

    ``edition="latest"`` keeps, for each (country, year, indicator), the value of
    the most recently published edition that has one; ``edition="2024-06"`` (any
    edition in :func:`natolab.editions.table`) returns that edition alone, complete. Editions use
    different definitions and price bases: the ``edition`` column says which one
    every value comes from, so a chart can name them. The editions returned are
    recorded in :mod:`natolab.provenance`.
    """
    frame = load("defence_expenditure", data_dir=data_dir)
    # The editions table only orders the editions here: an internal look-up, not recorded.
    order = sorted(_load_checked("editions", _data_dir(data_dir))["edition"].astype(str))
    if indicator is not None:
        wanted = [indicator] if isinstance(indicator, str) else list(indicator)
        valid = list(frame["indicator"].cat.categories)
        unknown = [i for i in wanted if i not in valid]
        if unknown:
            raise ValueError(
                f"Unknown indicator(s) {', '.join(unknown)}. Valid indicators: {', '.join(valid)}"
            )
        frame = frame[frame["indicator"].isin(wanted)]
    if edition == "latest":
        frame = frame[frame["value"].notna()]
        rank = frame["edition"].map({e: i for i, e in enumerate(order)})
        frame = frame.assign(_rank=rank).sort_values("_rank")
        keys = ["iso3", "year", "indicator"]
        frame = frame.drop_duplicates(subset=keys, keep="last").drop(columns="_rank")
    elif edition in order:
        frame = frame[frame["edition"] == edition]
    else:
        raise ValueError(f"Unknown edition {edition!r}. Valid editions: latest, {', '.join(order)}")
    frame = frame.sort_values(["iso3", "year", "indicator"], ignore_index=True)
    frame["indicator"] = frame["indicator"].astype(str)
    provenance.record("defence_expenditure", frame["edition"].astype(str).unique())
    return frame


def source_note(
    resource_name: str,
    editions: Iterable[str] | None = None,
    *,
    data_dir: Path | str | None = None,
) -> str:
    """A one-line source credit for charts, built from the catalogue's ``sources``.

    With ``editions`` only the sources of those editions are named (sources without
    an edition are always named).

    The editions credited (all of the resource's when ``editions`` is None) are
    recorded in :mod:`natolab.provenance`: every chart's note says what it drew.
    """
    wanted = set(editions) if editions is not None else None
    sources = list(catalogue_entry(resource_name, data_dir).get("sources", []))
    described = {source.get("edition") for source in sources}
    provenance.record(resource_name, wanted if wanted is not None else {e for e in described if e})
    if wanted and wanted - described:
        # An edition imported after the catalogue was written (say NATO's next workbook)
        # is still credited, from its row in the editions table (a look-up, not recorded).
        table = _load_checked("editions", _data_dir(data_dir))
        for row in table[table["edition"].isin(wanted - described)].itertuples():
            sources.append({"title": row.title, "publisher": row.publisher, "edition": row.edition})
    parts: list[str] = []
    for source in sources:
        edition = source.get("edition")
        if wanted is not None and edition is not None and edition not in wanted:
            continue
        text = source["title"]
        if source.get("publisher"):
            text = f"{source['publisher']}, {text}"
        if edition:
            text += f" (edition {edition})"
        if text not in parts:
            parts.append(text)
    return "Source: " + "; ".join(parts) + "." if parts else ""


def _editions_table(res: dict[str, Any]) -> str | None:
    """The resource an ``edition`` column refers to by foreign key (``editions``), if any."""
    for foreign_key in res.get("schema", {}).get("foreignKeys", []):
        if _as_list(foreign_key.get("fields", [])) == ["edition"]:
            return foreign_key.get("reference", {}).get("resource") or None
    return None


def edition_in_words(resource_name: str, edition: str, *, data_dir: Path | str | None = None) -> str:
    """An edition of a resource for readers: its title and publication month.

    ``edition_in_words("defence_expenditure", "2024-06")`` gives "Defence Expenditure of
    NATO Countries (2014-2024), June 2024". The title comes from the table the
    resource's ``edition`` column refers to (``editions``) where there is one, else
    from the resource's source with that edition in the catalogue (SIPRI's "2025-04"
    is SIPRI's release, not NATO's report of that month); without either, the month
    alone. Looking a title up is not recorded as a use of the editions table.
    """
    directory = _data_dir(data_dir)
    res = catalogue_entry(resource_name, directory)
    edition = str(edition)
    title = None
    table_name = _editions_table(res)
    if table_name is not None:
        table = _load_checked(table_name, directory)
        if "title" in table.columns:
            rows = table.loc[table["edition"].astype(str) == edition, "title"]
            title = None if rows.empty else str(rows.iloc[0])
    if title is None:
        titles = [s["title"] for s in res.get("sources", []) if s.get("edition") == edition and s.get("title")]
        title = titles[0] if titles else None
    month = month_in_words(edition)
    return f"{title}, {month}" if title else month
