"""Check a job's parameters before any kernel starts.

papermill only warns about a parameter the notebook does not declare and runs
anyway; here an unknown name is refused against the notebook's ``parameters``
cell, and then the values go through ``natolab.parameters.validate`` (the same
function the notebook calls first), so a bad value is reported with the valid
ones in a second, not after a kernel has started.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from natolab.reports.config import Job

__all__ = [
    "NOT_LITERAL",
    "InvalidJob",
    "Validator",
    "check_job",
    "notebook_parameters",
    "project_validator",
]

# (notebook name, parameters) -> normalised parameters; raises ValueError when bad.
Validator = Callable[[str, dict[str, Any]], Any]


class InvalidJob(ValueError):
    """A job cannot start: missing notebook, unknown parameter or bad value."""


# Stands for a default that is not a literal (computed in the cell): not passed to the validator.
NOT_LITERAL = object()


def _literal(node: ast.expr | None) -> Any:
    if node is None:  # a bare annotation `x: int`
        return NOT_LITERAL
    try:
        return ast.literal_eval(node)
    except ValueError:  # e.g. a default computed from an expression
        return NOT_LITERAL


def notebook_parameters(path: Path) -> dict[str, Any] | None:
    """Names and defaults assigned in the cell tagged ``parameters``; None if there is no such cell.

    A default that is not a Python literal is given as :data:`NOT_LITERAL`.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code" or "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        defaults: dict[str, Any] = {}
        for statement in ast.parse(source).body:
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        defaults[target.id] = _literal(statement.value)
            elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                defaults[statement.target.id] = _literal(statement.value)
        return defaults
    return None


def project_validator() -> Validator | None:
    """``natolab.parameters.validate`` restricted to the notebooks it knows, or None.

    Imported on demand: it loads pandas and the data, which a run with nothing
    stale never needs.
    """
    from natolab import parameters

    known = getattr(parameters, "NOTEBOOKS", {})

    def validate(notebook: str, params: dict[str, Any]) -> Any:
        if notebook in known:
            return parameters.validate(notebook, params)
        return None

    return validate


def check_job(job: Job, validator: Validator | None) -> None:
    """Raise :class:`InvalidJob` (with the valid names or values) if ``job`` must not start."""
    if not job.notebook_path.is_file():
        raise InvalidJob(f"job {job.name}: notebook not found: {job.notebook_path}")
    try:
        defaults = notebook_parameters(job.notebook_path)
    except (json.JSONDecodeError, SyntaxError, UnicodeDecodeError) as err:
        raise InvalidJob(f"job {job.name}: cannot read {job.notebook_path}: {err}") from None
    if defaults is None:
        if job.parameters:
            raise InvalidJob(
                f"job {job.name}: {job.notebook_path.name} has no cell tagged 'parameters', "
                f"so it takes no parameters (given: {', '.join(sorted(job.parameters))})"
            )
        defaults = {}
    unknown = sorted(set(job.parameters) - set(defaults))
    if unknown:
        valid = ", ".join(defaults) or "(none)"
        raise InvalidJob(
            f"job {job.name}: unknown parameter(s) {', '.join(unknown)} for notebook "
            f"{job.notebook}; valid parameters: {valid}"
        )
    if validator is None:
        return
    try:
        literal = {name: value for name, value in defaults.items() if value is not NOT_LITERAL}
        validator(job.notebook, {**literal, **job.parameters})
    except Exception as err:  # any refusal, whatever its class, stops this job only
        raise InvalidJob(f"job {job.name}: {err}") from None
