"""Every parameter set natolab.parameters accepts runs burden_sharing.ipynb to the end.

For each edition in the data, the first and the last year it covers (from the raw
editions list of the catalogue, not from the notebook): the run finishes, its
sentences pass the editor's checks (no 3.5% by 2024, no count above the Allies
reported) and the league table uses that edition alone.
"""

from __future__ import annotations

import editorial
import pytest
from notebook_harness import Notebook, sentences, tables

from natolab import editions

pytestmark = pytest.mark.slow

NOTEBOOK = Notebook("burden_sharing")


def _edition_years() -> list[tuple[str, int]]:
    cases = []
    for edition in editions.order():
        years = editions.years(edition)
        cases += [(edition, y) for y in sorted({years[0], years[-1]})]
    return cases


@pytest.mark.parametrize(("edition", "year"), _edition_years())
def test_every_edition_first_and_last_year(tmp_path, edition, year):
    nb = NOTEBOOK.run(tmp_path, edition=edition, year=year)
    assert editorial.problems(sentences(nb)) == []
    league = [r for r in tables(nb)["league-table"] if not r["iso3"].startswith("NATO_")]
    assert {r["edition"] for r in league} == {edition}
    assert {r["year"].rstrip("e") for r in league} == {str(year)}
