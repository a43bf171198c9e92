"""HTML without code, offline; table CSVs; PDF (natolab.reports.export)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from natolab.reports.export import (
    CHROMIUM,
    PdfError,
    extract_tables,
    notebook_html,
    page_header,
    print_pdf,
    report_title,
    strip_remote_assets,
    used_editions,
)

# Any <script src> or <link href> that would fetch from another host.
REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


def _table_output(name: str, csv_text: str):
    return new_output(
        "display_data",
        data={"text/plain": f"table {name}", "text/csv": csv_text},
        metadata={"natolab": {"table": name}},
    )


def _executed_notebook():
    code = new_code_cell("secret_code_marker = 1\nplots.table(df, 'league')", execution_count=1)
    code.outputs = [
        _table_output("league", "iso3,share_of_gdp_pct\nPOL,4.12\n"),
        new_output("stream", name="stdout", text="visible output marker\n"),
        _table_output("league", "iso3,share_of_gdp_pct\nEST,3.43\n"),
        _table_output("../evil name", "a\n1\n"),
        new_output("display_data", data={"text/plain": "t", "text/csv": "no,name\n"}),  # not published: no table name
    ]
    math = new_markdown_cell("# Burden sharing\n\nThe share is $x^2$.")
    return new_notebook(cells=[math, code], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})


def test_html_has_outputs_but_no_code_and_no_remote_assets():
    html = notebook_html(_executed_notebook(), "burden_sharing")
    assert "visible output marker" in html
    assert "Burden sharing" in html
    assert "secret_code_marker" not in html
    assert "<title>burden_sharing</title>" in html
    assert not REMOTE.search(html), REMOTE.search(html)
    assert "cdnjs" not in html
    assert "mathjax" not in html.lower()


def test_pages_carry_print_rules_for_charts_headings_and_folded_tables():
    html = notebook_html(_executed_notebook(), "burden_sharing")
    rules = html[html.index("@media print"):]
    assert ".jp-RenderedImage" in rules and "break-inside: avoid" in rules
    assert "break-after: avoid" in rules  # a heading stays with what follows it
    assert "details:not([open]) > :not(summary) { display: none; }" in rules


def test_strip_remote_assets_keeps_inline_and_local():
    html = (
        '<script src="https://cdn.example/require.js"></script>'
        "<script src='//cdn.example/x.js' defer></script>"
        '<link rel="stylesheet" href="http://cdn.example/a.css">'
        '<script>var local = 1;</script><link rel="icon" href="favicon.ico">'
        '<a href="https://www.nato.int">NATO</a>'
    )
    assert strip_remote_assets(html) == (
        '<script>var local = 1;</script><link rel="icon" href="favicon.ico"><a href="https://www.nato.int">NATO</a>'
    )


def test_extract_tables_keeps_every_published_table():
    tables = extract_tables(_executed_notebook())
    assert tables == {
        "league.csv": "iso3,share_of_gdp_pct\nPOL,4.12\n",
        "league-2.csv": "iso3,share_of_gdp_pct\nEST,3.43\n",
        "evil_name.csv": "a\n1\n",
    }


def test_missing_chromium_is_a_clear_error(tmp_path):
    with pytest.raises(PdfError) as caught:
        print_pdf(tmp_path / "r.html", tmp_path / "r.pdf", chromium=tmp_path / "no-chromium")
    message = str(caught.value)
    assert str(tmp_path / "no-chromium") in message
    assert "apt-get install" in message
    assert "--pdf" in message


@pytest.mark.browser
def test_pdf_printed_by_headless_chromium(tmp_path):
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not installed")
    html = tmp_path / "r.html"
    html.write_text(notebook_html(_executed_notebook(), "r"), encoding="utf-8")
    pdf = tmp_path / "r.pdf"
    print_pdf(html, pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]  # profile removed


def test_written_notebook_round_trips(tmp_path):
    # The worker reads the executed notebook back from disk before exporting.
    path = tmp_path / "x.ipynb"
    nbformat.write(_executed_notebook(), path)
    assert list(extract_tables(nbformat.read(Path(path), as_version=4))) == [
        "league.csv",
        "league-2.csv",
        "evil_name.csv",
    ]


def _editions_output(editions):
    return new_output("display_data", data={"text/plain": "data used"},
                      metadata={"natolab": {"table": "data-used", "data_editions": editions}})


def test_used_editions_come_from_the_last_output_that_carries_them():
    first, second = new_code_cell("plots.sources_used()"), new_code_cell("plots.sources_used()")
    first.outputs = [_editions_output({"defence_expenditure": ["2024-06"]})]
    second.outputs = [
        _editions_output({"sipri_milex": ["2025-04"], "defence_expenditure": ["2026-07", "2024-06", "2024-06"]}),
        _table_output("league", "a\n1\n"),  # a later output without editions does not count
    ]
    nb = new_notebook(cells=[first, new_markdown_cell("text"), second])
    found = used_editions(nb)
    assert found == {"defence_expenditure": ["2024-06", "2026-07"], "sipri_milex": ["2025-04"]}
    assert list(found) == ["defence_expenditure", "sipri_milex"]  # sorted: a deterministic manifest


def test_used_editions_none_when_the_notebook_does_not_say():
    code = new_code_cell("plots.table(df, 'league')")
    code.outputs = [_table_output("league", "a\n1\n")]
    assert used_editions(new_notebook(cells=[code])) is None


def test_used_editions_empty_when_the_notebook_used_no_data():
    code = new_code_cell("plots.sources_used()")
    code.outputs = [_editions_output({})]
    assert used_editions(new_notebook(cells=[code])) == {}


def test_malformed_editions_metadata_is_ignored():
    good, bad = new_code_cell("x"), new_code_cell("y")
    good.outputs = [_editions_output({"members": []})]
    bad.outputs = [_editions_output({"members": "2024-06"}), _editions_output(["members"])]
    assert used_editions(new_notebook(cells=[good, bad])) == {"members": []}


def _chart_output(alt: str | None):
    metadata = {"image/png": {"width": 10, "height": 5, **({"alt": alt} if alt else {})}}
    return new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
                      metadata=metadata)


def test_chart_description_from_the_output_becomes_the_img_alt():
    code = new_code_cell("plots.show(fig)", execution_count=1)
    code.outputs = [_chart_output("Chart: share of GDP, 2026e; highest Lithuania 5.33%"), _chart_output(None)]
    html = notebook_html(new_notebook(cells=[code]), "t")
    alts = re.findall(r'<img\b[^>]*\balt="([^"]*)"', html)
    assert alts[0] == "Chart: share of GDP, 2026e; highest Lithuania 5.33%"
    assert len(alts) == 2  # a chart without a description still gets nbconvert's placeholder
    assert 'width="10"' in html and 'height="5"' in html


def test_report_title_is_the_heading_and_the_subject_or_parameters():
    heading = new_markdown_cell("# Burden sharing: who pays\n\nText.")
    injected = new_code_cell('# Parameters\nyear = 2024\nedition = "2024-06"\nhighlight = ["GRC", "TUR"]\n')
    injected.metadata["tags"] = ["injected-parameters"]
    nb = new_notebook(cells=[heading, injected])
    assert report_title(nb, "job") == "Burden sharing: who pays — year 2024, edition 2024-06, highlight GRC, TUR"
    said = new_code_cell("plots.say(...)")
    said.outputs = [new_output("display_data", data={"text/markdown": "## Belgium", "text/plain": "## Belgium"})]
    nb = new_notebook(cells=[new_markdown_cell("# Country profile"), injected, said])
    assert report_title(nb, "job") == "Country profile — Belgium"
    assert report_title(new_notebook(cells=[heading]), "job") == "Burden sharing: who pays"
    assert report_title(new_notebook(cells=[new_code_cell("x = 1")]), "country_profile-BEL") == "country_profile-BEL"


def test_page_header_links_back_and_names_date_editions_and_version(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        '{"created": "2026-11-28T00:00:00Z", "resources": [{"name": "defence_expenditure", '
        '"title": "NATO defence expenditure"}]}', encoding="utf-8")
    line = page_header(tmp_path, {"defence_expenditure": ["2024-06", "2026-07"], "countries": []}, "0.1.0")
    assert line == ('<a href="../index.html">&larr; All reports</a> · Data as of 28 November 2026 · '
                    "Editions used — NATO defence expenditure: June 2024, July 2026 · natolab 0.1.0")
    html = notebook_html(_executed_notebook(), "t", line)
    assert '<nav class="natolab-header"><a href="../index.html">' in html
    assert page_header(tmp_path / "missing", None, "0.1.0") == '<a href="../index.html">&larr; All reports</a> · natolab 0.1.0'
