"""natolab.labels: how days, source dates, troop figures, amounts and names read in text."""

import subprocess
import sys

import pandas as pd
import pytest

from natolab import labels


def test_day_label_has_no_leading_zero():
    assert labels.day_label("1949-04-04") == "4 April 1949"
    assert labels.day_label(pd.Timestamp("2024-03-07")) == "7 March 2024"


@pytest.mark.parametrize(("edition", "words"), [
    ("2024-06", "June 2024"), ("1999-12", "December 1999"), ("commit 0d11995", "commit 0d11995"),
    ("2024-13", "2024-13"), ("", ""),
])
def test_an_edition_reads_as_its_month_and_anything_else_is_kept(edition, words):
    assert labels.month_in_words(edition) == words


def test_a_report_date_reads_in_words_and_an_unknown_one_is_empty():
    assert labels.date_in_words("2026-11-28") == "28 November 2026"
    assert labels.date_in_words("2026-11-28T06:00:00Z") == "28 November 2026"
    assert labels.date_in_words(None) == ""
    assert labels.date_in_words("not a date") == "not a date"


def test_importing_labels_costs_no_pandas():
    # The report runner's main process words its pages and index with it and must stay quick.
    code = "import sys, natolab.labels; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("label", "words", "when"), [
    ("2022-06-28", "28 June 2022", "on 28 June 2022"),
    ("2022-11", "November 2022", "in November 2022"),
    ("2023", "2023", "in 2023"),
])
def test_a_source_date_reads_at_its_own_precision(label, words, when):
    assert labels.date_words(label) == words
    assert labels.source_date_when(label) == when


@pytest.mark.parametrize(("kind", "expected"), [
    ("exact", "5,249"), ("approx", "~5,249"), ("lower_bound", ">5,249"), ("upper_bound", "<5,249"),
])
def test_troops_label_marks_approximate_figures_and_bounds(kind, expected):
    assert labels.troops_label(pd.Series({"troops": 5249, "figure_kind": kind})) == expected


def test_counts_agree_with_their_number():
    assert labels.counted(1, "country", "countries") == "1 country"
    assert labels.counted(3, "country", "countries") == "3 countries"
    assert labels.plural(1, "Ally was", "Allies were") == "Ally was"
    assert labels.year_span(["2014", "2015", "2026e"]) == "2014–2026e"
    assert labels.year_span(["2025e"]) == "2025e"


@pytest.mark.parametrize(("value_m", "expected"), [
    (337.2, "US$ 337 million"),
    (999.4, "US$ 999 million"),
    (1_000.0, "US$ 1.0 billion"),
    (4_249.0, "US$ 4.2 billion"),
    (413_456.0, "US$ 413 billion"),
    (1_809_912.0, "US$ 1,810 billion"),
])
def test_usd_millions_switches_to_billions_from_a_thousand_million(value_m, expected):
    assert labels.usd_millions(value_m) == expected


@pytest.mark.parametrize(("name", "running", "first"), [
    ("United States", "the United States", "The United States"),
    ("Netherlands", "the Netherlands", "The Netherlands"),
    ("Slovak Republic", "the Slovak Republic", "The Slovak Republic"),
    ("Republic of Moldova", "the Republic of Moldova", "The Republic of Moldova"),
    ("Belgium", "Belgium", "Belgium"),
    ("North Macedonia", "North Macedonia", "North Macedonia"),
])
def test_with_article_for_names_english_writes_with_the(name, running, first):
    assert labels.with_article(name) == running
    assert labels.with_article(name, start=True) == first


