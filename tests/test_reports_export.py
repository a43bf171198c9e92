"""HTML without code, offline; table CSVs; PDF (natolab.reports.export)."""

from __future__ import annotations

import html as html_text
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from natolab import __version__
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
    assert report_title(nb, "job") == "Burden sharing: who pays — year 2024, edition of June 2024, highlight Greece, Türkiye"
    dated = new_code_cell('# Parameters\nas_of = "2018-01-01"\nhighlight = ["BEL", "XYZ"]\n')
    dated.metadata["tags"] = ["injected-parameters"]
    assert (report_title(new_notebook(cells=[heading, dated]), "job")
            == "Burden sharing: who pays — as of 1 January 2018, highlight Belgium, XYZ")
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


# --- Footer, downloads and determinism -----------------------------------------------------

def _catalogue(folder: Path) -> Path:
    """A small catalogue: NATO spending in two editions, SIPRI, and membership facts."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "references.csv").write_text("source_id,grade\nM01,official\n", encoding="utf-8")
    nato_terms = {"name": "NATO-attribution", "title": "NATO: free to reuse with attribution ('Source: NATO')",
                  "path": "https://www.nato.int/cps/en/natohq/topics_49198.htm"}
    curation = {"name": "CC-BY-4.0", "title": "natolab's curation", "path": "https://creativecommons.org/licenses/by/4.0/"}
    package = {
        "created": "2026-11-28T00:00:00Z",
        "resources": [
            {"name": "members", "path": "members.csv", "title": "NATO Allies",
             "schema": {"fields": [{"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code"}]},
             "sources": [{"title": "NATO facts collection", "publisher": "natolab from archived public pages (see references)"},
                         {"title": "Member countries [M01]", "publisher": "NATO", "path": "https://www.nato.int/m"}],
             "licenses": [curation]},
            {"name": "spending", "path": "spending.csv", "title": "NATO defence expenditure",
             "schema": {"fields": [{"name": "share_of_gdp_pct", "type": "number", "unit": "percent of GDP",
                                    "description": "Defence expenditure as a share of real GDP"}]},
             "sources": [{"title": "Defence Expenditure of NATO Countries (2014-2024)", "edition": "2024-06",
                          "publisher": "NATO Public Diplomacy Division"},
                         {"title": "Defence Investment of NATO Countries (2014-2026)", "edition": "2026-07",
                          "publisher": "NATO Public Diplomacy Division (secondary transcription)"},
                         {"title": "Press figures", "edition": "2017-06", "publisher": "Daily Example"}],
             "licenses": [nato_terms, curation]},
            {"name": "sipri", "path": "sipri.csv", "title": "SIPRI military expenditure",
             "schema": {"fields": []},
             "sources": [{"title": "SIPRI Military Expenditure Database", "edition": "2025-04",
                          "publisher": "Stockholm International Peace Research Institute (SIPRI)"}],
             "licenses": [{"name": "SIPRI-terms", "title": "SIPRI: free for non-commercial use with attribution",
                           "path": "https://www.sipri.org/databases/milex"}]},
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return folder


EDITIONS = {"members": [], "sipri": ["2025-04"], "spending": ["2026-07"]}


def _report_notebook(injected_id: str = "a1b2c3d4"):
    """An executed report as papermill leaves it: heading, injected parameters, tables, data used."""
    heading = new_markdown_cell("# Burden sharing: who pays\n\nText.")
    injected = new_code_cell('# Parameters\nyear = 2026\n', execution_count=1)
    injected.metadata["tags"] = ["injected-parameters"]
    injected["id"] = injected_id
    heading["id"] = "heading"  # cells from the source notebook keep their ids; only papermill's is random
    tables = new_code_cell("plots.table(...)", execution_count=2)
    tables["id"] = "tables"
    tables.outputs = [
        new_output("display_data", metadata={"natolab": {"table": "league"}}, data={
            "text/plain": "League", "text/csv": "rank,iso3,share_of_gdp_pct,meets_2pct,year,since\n"
                                               "1,POL,4.12,True,2026e,1999-03-12\n2,EST,3.43,False,2026e,\n",
            "text/html": "<p><strong>League table, 2026e &amp; more</strong></p>\n<table></table>"}),
        new_output("display_data", metadata={"natolab": {"table": "x" * 40}}, data={
            "text/plain": "long", "text/csv": "a\n1\n", "text/html": "<table></table>"}),
    ]
    used = new_code_cell("plots.sources_used()", execution_count=3)
    used["id"] = "used"
    used.outputs = [_editions_output(EDITIONS)]
    return new_notebook(cells=[heading, injected, tables, used],
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})


def _export_into(folder: Path, data_dir: Path, nb=None, *, pdf: bool = False):
    """Run the worker's export step (no kernel) on an executed notebook written into ``folder``."""
    from natolab.reports.worker import Outcome, Task, _export

    folder.mkdir(parents=True)
    executed = folder / "burden.ipynb"
    nbformat.write(nb or _report_notebook(), executed)
    task = Task("burden", str(folder / "burden_sharing.ipynb"), {"year": 2026}, str(folder), str(data_dir), 60, pdf)
    outcome = Outcome("burden", "ok", 0.0)
    files = _export(task, folder, executed, outcome, None)
    return files, outcome


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    data_dir = _catalogue(root / "data")
    files, outcome = _export_into(root / "one", data_dir)
    return root / "one", files, outcome, data_dir


def test_footer_cites_producers_first_then_natolab(exported):
    folder, _, _, _ = exported
    page = (folder / "burden.html").read_text(encoding="utf-8")
    footer = page[page.index('<footer class="natolab-footer">'):]
    assert footer.index("</footer>") < footer.index("</body>")
    cite = re.search(r'<p class="natolab-citation">(.*?)</p>', footer).group(1)
    assert cite == (
        "NATO Public Diplomacy Division; Stockholm International Peace Research Institute (SIPRI); NATO. "
        "Data as of 28 November 2026. "
        f"In: natolab {__version__}, “Burden sharing: who pays — year 2026”, burden/burden.html."
    )
    assert "Daily Example" not in footer  # the source of an edition the report did not use
    assert "natolab from archived" not in cite  # natolab's own step is cited as natolab, after the producers


def test_footer_names_licences_and_links_data_pages_and_downloads(exported):
    folder, _, _, _ = exported
    page = (folder / "burden.html").read_text(encoding="utf-8")
    footer = html_text.unescape(page.split('<footer class="natolab-footer">')[1])  # entities as the browser reads them
    assert '<a href="https://www.nato.int/cps/en/natohq/topics_49198.htm">NATO: free to reuse with attribution' in footer
    assert "SIPRI: free for non-commercial use with attribution" in footer
    assert "natolab's curation" in footer
    licences = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="natolab-note">', footer)
    assert licences[-1] == "natolab's curation"  # the producers' terms first
    for href in ("../data/spending.html", "../data/sipri.html", "../data/members.html", "burden.xlsx",
                 "tables/league.csv", "tables/league.metadata.json", "burden.ipynb", "../index.html"):
        assert f'href="{href}"' in footer, href
    assert "Defence Investment of NATO Countries (2014-2026), July 2026" in footer  # editions in words
    assert 'href="burden.pdf"' not in footer  # no PDF asked for


def test_report_page_carries_no_build_time_but_the_manifest_does(exported):
    folder, _, outcome, _ = exported
    page = (folder / "burden.html").read_text(encoding="utf-8")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", outcome.about["generated"])
    assert outcome.about["generated"][:10] not in page and "UTC" not in page
    assert outcome.about["topic"] == "Burden sharing: who pays"
    assert outcome.about["data_as_of"] == "2026-11-28"
    assert outcome.about["producers"][0] == "NATO Public Diplomacy Division"


def test_workbook_has_about_and_one_typed_sheet_per_table(exported):
    from openpyxl import load_workbook

    folder, files, _, _ = exported
    assert "burden.xlsx" in files
    book = load_workbook(folder / "burden.xlsx")
    assert book.sheetnames == ["About", "league", "x" * 31]
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row[0]}
    assert about["Title"] == "Burden sharing: who pays — year 2026"
    assert about["Parameters"] == "year = 2026"
    assert "Stockholm International Peace Research Institute (SIPRI)" in about["Producers of the data"]
    assert "SIPRI: free for non-commercial use" in about["Licences"]
    assert about["How to cite"].startswith("NATO Public Diplomacy Division;")
    assert about["Data as of"] == "28 November 2026"
    rows = list(book["league"].iter_rows(values_only=True))
    assert rows[0] == ("rank", "iso3", "share_of_gdp_pct", "meets_2pct", "year", "since")
    assert rows[1][:5] == (1, "POL", 4.12, True, "2026e")
    assert isinstance(rows[1][0], int) and isinstance(rows[1][2], float)
    assert rows[1][5].date().isoformat() == "1999-03-12" and rows[2][5] is None
    assert book.properties.created.isoformat().startswith("2026-11-28")


def test_sheet_names_are_short_unique_and_never_about():
    from natolab.reports.downloads import Table, sheet_names

    tables = [Table(f"{name}.csv", "a\n1\n") for name in ("About", "y" * 40, "Y" * 40, "data:used")]
    names = sheet_names(tables)
    assert names == ["About~2", "y" * 31, "Y" * 29 + "~2", "data_used"]
    assert all(len(name) <= 31 for name in names)


def test_every_csv_has_its_metadata_json(exported):
    folder, files, _, _ = exported
    csvs = sorted(f for f in files if f.endswith(".csv"))
    assert csvs == ["tables/league.csv", f"tables/{'x' * 40}.csv"]
    for csv_file in csvs:
        assert csv_file.removesuffix(".csv") + ".metadata.json" in files
    meta = json.loads((folder / "tables" / "league.metadata.json").read_text(encoding="utf-8"))
    assert meta["profile"] == "tabular-data-resource" and meta["path"] == "league.csv"
    assert meta["title"] == "League table, 2026e & more"  # the caption the report showed
    fields = {f["name"]: f for f in meta["schema"]["fields"]}
    assert [f["type"] for f in meta["schema"]["fields"]] == ["integer", "string", "number", "boolean", "string", "date"]
    assert fields["share_of_gdp_pct"]["unit"] == "percent of GDP"  # from the catalogue
    assert fields["share_of_gdp_pct"]["description"] == "Defence expenditure as a share of real GDP"
    assert fields["iso3"]["description"] == "ISO 3166-1 alpha-3 code"
    assert fields["meets_2pct"]["title"] == "Meets 2%"  # from the column name
    assert {(s.get("publisher"), s.get("edition")) for s in meta["sources"]} >= {
        ("NATO Public Diplomacy Division (secondary transcription)", "2026-07"),
        ("Stockholm International Peace Research Institute (SIPRI)", "2025-04"),
    }
    assert ("Daily Example", "2017-06") not in {(s.get("publisher"), s.get("edition")) for s in meta["sources"]}
    assert {lic["name"] for lic in meta["licenses"]} == {"NATO-attribution", "CC-BY-4.0", "SIPRI-terms"}
    assert meta["citation"].startswith("NATO Public Diplomacy Division;")
    datasets = {d["name"]: d for d in meta["natolab"]["datasets"]}
    assert datasets["spending"]["editions"] == ["2026-07"]
    assert datasets["spending"]["page"] == "../../data/spending.html"


def test_two_exports_of_the_same_executed_notebook_are_identical(exported, tmp_path, monkeypatch):
    import time

    first, files, _, data_dir = exported
    # Another second on the clock, and papermill's random id for the injected cell: neither shows.
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second_files, _ = _export_into(tmp_path / "two", data_dir, _report_notebook(injected_id="ffffeeee"))
    assert second_files == files
    for name in files:
        if name.endswith(".ipynb"):
            continue  # the executed notebook itself, as papermill wrote it
        assert (first / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert 'id="cell-id=injected-parameters"' in (first / "burden.html").read_text(encoding="utf-8")


def test_producer_keeps_who_not_how():
    from natolab.reports.credits import producer

    assert producer("NATO Public Diplomacy Division (secondary transcription)") == "NATO Public Diplomacy Division"
    assert producer("NATO; tidied by alistaire47/passport") == "NATO"
    assert producer("Stockholm International Peace Research Institute (SIPRI)") == (
        "Stockholm International Peace Research Institute (SIPRI)")
    assert producer("NATO (reprinted by Defence Turkey)") == "NATO"
