"""The editor's checker itself: it must catch 3.5% paired with 2024 and nothing else."""

from __future__ import annotations

import pytest
from editorial import pairs_3_5_with_2024


@pytest.mark.parametrize("sentence", [
    "Allies agreed to spend 3.5% of GDP on core defence by 2024.",
    "by 2024 the 3.5% core target applies",
    "below the 3.5% core target (The Hague, by 2024)",
    "the 2% guideline (by 2035) and the 3.5% core target (by 2024)",
])
def test_a_3_5_target_given_2024_is_caught(sentence):
    assert pairs_3_5_with_2024(sentence)


@pytest.mark.parametrize("sentence", [
    "at or above the 2% guideline (Wales, by 2024) and below the 3.5% core target (The Hague, by 2035).",
    "Allies committed to 2% by 2024; the 3.5% core target runs to 2035.",
    "The 3.5% core target (by 2035) follows the 2% guideline.",
    "spent 2.03% of GDP, by 2024 above the 2% guideline",
])
def test_each_target_paired_with_its_own_year_passes(sentence):
    assert not pairs_3_5_with_2024(sentence)
