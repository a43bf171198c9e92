"""Re-execute the committed notebooks in place, deterministically (``make notebooks``).

The committed outputs are what nbval compares against, so they must come from
running the current code and data top to bottom with the ``python3`` kernel, in
the notebooks' own folder (as JupyterLab and nbval do), with no timing metadata.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from natolab import paths

__all__ = ["INTERACTIVE", "committed_notebooks", "execute_in_place"]

KERNEL = "python3"

#: Notebooks for exploring by hand with widgets, not reports (``explore``). They are committed
#: without outputs: a widget output is only a reference to a model in the kernel that drew it
#: (random ids, blank once that kernel is gone), so nothing here re-executes them in place,
#: nbval leaves them out (``notebooks/conftest.py``) and a test runs them top to bottom instead.
INTERACTIVE = frozenset({"explore"})


def committed_notebooks() -> list[Path]:
    """The analysis notebooks in ``notebooks/`` (not the :data:`INTERACTIVE` ones), sorted by name."""
    return sorted(p for p in paths.NOTEBOOKS_DIR.glob("*.ipynb") if p.stem not in INTERACTIVE)


def _clean(nb) -> None:
    """Drop metadata that changes run to run (timings, papermill run records)."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)


def execute_in_place(path: Path, *, timeout: int = 600) -> None:
    """Run one notebook top to bottom and rewrite it with fresh outputs (atomically)."""
    import nbformat
    from nbclient import NotebookClient

    from natolab import kernels

    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {
        "name": KERNEL,
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        **kernels.client_options(),
    )
    client.execute()
    _clean(nb)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".ipynb")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        nbformat.write(nb, handle)
    Path(tmp).replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: ``natolab notebooks [NAME ...]``."""
    parser = argparse.ArgumentParser(prog="natolab notebooks", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``natolab notebooks``."""
    parser.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="notebook names without .ipynb (default: every notebook in notebooks/)",
    )
    parser.add_argument(
        "--timeout", type=int, default=600, help="seconds a cell may run (default: 600)"
    )


def run(args: argparse.Namespace) -> int:
    """Execute the selected notebooks; exit status 1 if any fails or is unknown."""
    available = {p.stem: p for p in committed_notebooks()}
    unknown = [n for n in args.names if n not in available]
    if unknown:
        print(
            f"Unknown notebook(s): {', '.join(unknown)}. Valid names: {', '.join(available)}",
            file=sys.stderr,
        )
        return 2
    selected = [available[n] for n in args.names] or list(available.values())
    failed = 0
    for path in selected:
        print(f"executing {path.relative_to(paths.PROJECT_ROOT)} ...", flush=True)
        try:
            execute_in_place(path, timeout=args.timeout)
        except Exception as err:  # report every failing notebook, keep the file untouched
            failed += 1
            print(f"FAILED {path.name}: {type(err).__name__}: {err}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
