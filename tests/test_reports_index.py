"""The report index as a catalogue, and the data pages (natolab.reports.index, .datapages).

Fast: the index is rendered from hand-made manifest entries, the data pages from the
project's catalogue or a small one written here; no kernel runs. One browser test
types into the filter box in headless Chromium.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path

import pytest

from natolab.paths import DATA_DIR
from natolab.reports.datapages import write_data_pages
from natolab.reports.index import TOPIC_ORDER, render_index, write_index

GENERATED = "2026-12-02T15:05:17Z"


def _report(title: str, topic: str, job: str, **extra) -> dict:
    report = {
        "title": title,
        "topic": topic,
        "subject": None,
        "fingerprint": "f" * 64,
        "inputs": {"data_read": ["defence_expenditure.csv"]},
        "natolab_version": "0.1.0",
        "data_editions": {"defence_expenditure": ["2026-07"], "members": []},
        "data_used": [
            {"name": "defence_expenditure", "title": "NATO defence expenditure",
             "editions_in_words": ["Defence Investment of NATO Countries (2014-2026), July 2026"]},
            {"name": "members", "title": "NATO Allies and their accession", "editions_in_words": []},
        ],
        "files": [f"{job}.html", f"{job}.ipynb", f"{job}.xlsx", "tables/league.csv", "tables/league.metadata.json"],
        "duration_s": 3.0,
        "data_as_of": "2026-11-28",
        "generated": GENERATED,
        "commit": "0c09e28" + "0" * 33,
        "uncommitted_changes": False,
    }
    report.update(extra)
    return report


def _entry(job: str, notebook: str, topic: str, title: str | None = None, *, status: str = "ok",
           parameters: dict | None = None, report: bool = True, **extra) -> dict:
    return {
        "job": job,
        "notebook": notebook,
        "parameters": parameters or {},
        "status": status,
        "duration_s": 3.0,
        "error": extra.pop("error", None),
        "failed_notebook": extra.pop("failed_notebook", None),
        "report": _report(title or topic, topic, job, **extra) if report else None,
    }


BURDEN = "Burden sharing: who pays for NATO's defence"
PROFILE = "Country profile: one Ally at a glance"
ENLARGEMENT = "Enlargement: how the Alliance grew"
PARTNERS = "Partnerships: NATO's partners and aspirants"


def _entries() -> list[dict]:
    """A report set in config order (not the index's order), with one failure of each kind."""
    return [
        _entry("partnerships", "partnerships", PARTNERS),
        _entry("enlargement", "enlargement", ENLARGEMENT),
        _entry("enlargement-1952", "enlargement", ENLARGEMENT, f"{ENLARGEMENT} — as of 1952-02-18, highlight GRC, TUR",
               parameters={"as_of": "1952-02-18", "highlight": ["GRC", "TUR"]}, status="failed",
               error="cell 5 raised ValueError: boom", failed_notebook="_failed/enlargement-1952.ipynb"),
        _entry("burden_sharing", "burden_sharing", BURDEN),
        _entry("burden_sharing-2024", "burden_sharing", BURDEN, f"{BURDEN} — year 2024, edition 2024-06",
               parameters={"year": 2024, "edition": "2024-06"}),
        _entry("country_profile-TUR", "country_profile", PROFILE, f"{PROFILE} — Türkiye",
               parameters={"country": "TUR"}, subject="Türkiye"),
        _entry("country_profile-BEL", "country_profile", PROFILE, f"{PROFILE} — Belgium",
               parameters={"country": "BEL"}, subject="Belgium"),
        _entry("country_profile-ALB", "country_profile", PROFILE, parameters={"country": "ALB"},
               status="invalid", report=False, error="job country_profile-ALB: country 'ALB'?"),
        _entry("mystery", "mystery_notebook", "Mystery", report=False, status="timeout", error="cell 2 ran too long"),
    ]


@pytest.fixture
def page() -> str:
    datasets = [{"name": "members", "title": "NATO Allies and their accession", "page": "data/members.html"}]
    return render_index(_entries(), "0.1.0", datasets=datasets, logs={"enlargement-1952"})


def test_index_is_a_page_with_a_real_title_and_language(page):
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>natolab reports: NATO analysis by topic and by Ally</title>" in page
    assert '<meta charset="utf-8">' in page


def test_topics_in_the_fixed_order_titled_by_the_notebook_heading(page):
    found = re.findall(r'<section id="([a-z_]+)" data-filter-group>\n<h2>([^<]+)</h2>', page)
    headings = [(notebook, html.unescape(title)) for notebook, title in found]
    assert headings == [
        ("burden_sharing", BURDEN),
        ("country_profile", PROFILE),
        ("enlargement", ENLARGEMENT),
        ("partnerships", PARTNERS),
        ("mystery_notebook", "Mystery notebook"),  # not in the fixed order: after, named from the notebook
    ]
    order = [nb for nb, _ in headings if nb in TOPIC_ORDER]
    assert order == sorted(order, key=TOPIC_ORDER.index)


def test_each_report_by_its_own_title_with_editions_in_words_and_dates(page):
    item = re.search(r'<li class="report" id="report-burden_sharing-2024".*?</li>', page).group(0)
    assert 'href="burden_sharing-2024/burden_sharing-2024.html"' in item
    assert ">year 2024, edition 2024-06</a>" in item  # the section says the topic already
    assert f'title="{BURDEN.replace(chr(39), "&#x27;")} — year 2024, edition 2024-06"' in item
    assert ">Main report</a>" in page  # a job on the notebook's defaults
    assert "Defence Investment of NATO Countries (2014-2026), July 2026" in item
    assert 'href="data/defence_expenditure.html"' in item and 'href="data/members.html"' in item
    assert "Data as of 28 November 2026" in item
    assert "generated 2 December 2026, 15:05 UTC" in item
    assert 'href="burden_sharing-2024/burden_sharing-2024.xlsx">Excel workbook</a>' in item
    assert 'href="burden_sharing-2024/tables/league.csv"' in item


def test_technical_detail_is_folded(page):
    item = re.search(r'<li class="report" id="report-burden_sharing-2024".*?</li>', page).group(0)
    details = re.search(r"<details><summary>Technical details</summary>(.*?)</details>", item).group(1)
    for detail in ("<code>year = 2024</code>", "f" * 64, "0c09e28", "<code>defence_expenditure.csv</code>",
                   "<code>burden_sharing-2024</code>"):
        assert detail in details
    visible = item.replace(details, "")
    assert "f" * 64 not in visible and "0c09e28" not in visible


def test_every_ally_by_name_links_to_its_profile(page):
    allies = re.search(r'<section id="allies".*?</section>', page).group(0)
    links = re.findall(r'<a href="([^"]+)" data-search="[^"]*">([^<]+)</a>', allies)
    assert links == [
        ("country_profile-BEL/country_profile-BEL.html", "Belgium"),
        ("country_profile-TUR/country_profile-TUR.html", "Türkiye"),  # sorted ignoring the accent
    ]
    profiles = re.search(r'<section id="country_profile".*?</section>', page, re.DOTALL).group(0)
    assert profiles.index(">Belgium</a>") < profiles.index(">Türkiye</a>")


def test_failures_come_first_naming_the_job_and_the_log(page):
    failed = re.search(r'<section class="failed" id="failed">.*?</section>', page).group(0)
    assert page.index(failed) < page.index("<form") < page.index('<section id="burden_sharing"')
    assert "Failed in the last run (3)" in failed
    assert "<code>enlargement-1952</code>): failed — cell 5 raised ValueError: boom." in failed
    assert 'href="_failed/enlargement-1952.log"><code>_failed/enlargement-1952.log</code></a>' in failed
    assert 'href="_failed/enlargement-1952.ipynb"' in failed
    assert "The last good report is still published" in failed
    assert "<code>country_profile-ALB</code>): invalid" in failed and "refused before any kernel started" in failed
    assert "<code>mystery</code>): timeout — cell 2 ran too long." in failed
    assert "No report has been published for it yet" in failed
    # The entry in its section says it is showing an older report.
    item = re.search(r'<li class="report" id="report-enlargement-1952".*?</li>', page).group(0)
    assert "The last run failed: this is the last good report" in item


def test_no_failure_section_when_all_went_well():
    entries = [e for e in _entries() if e["status"] == "ok"]
    assert 'id="failed"' not in render_index(entries, "0.1.0")


def test_filter_box_is_inline_and_self_contained(page):
    assert '<input type="search" id="filter-text"' in page
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    attributes, code = scripts[0]
    assert attributes == ""  # inline: no src
    assert "http" not in code and "import" not in code and "fetch" not in code
    assert not re.search(r"<(?:link|script|img)\b[^>]*(?:src|href)=\"(?:https?:)?//", page)
    # Every report and every Ally link carries the words the filter matches, accents folded.
    bel = re.search(r'<li class="report" id="report-country_profile-BEL" data-search="([^"]*)"', page).group(1)
    assert "belgium" in bel and "bel" in bel
    tur = re.search(r'<li class="report" id="report-country_profile-TUR" data-search="([^"]*)"', page).group(1)
    assert "turkiye" in tur
    assert len(re.findall(r'<li class="report"', page)) == len(_entries())


def test_ally_codes_in_parameters_are_searchable_by_name(page):
    # highlight = ["GRC", "TUR"]: "Türkiye" is known from TUR's profile, so typing it finds this report.
    item = re.search(r'<li class="report" id="report-enlargement-1952" data-search="([^"]*)"', page).group(1)
    assert "turkiye" in item and "highlight grc, tur" in item


def test_generated_time_only_in_index_and_manifest(tmp_path):
    path = write_index(tmp_path, _entries(), "0.1.0")
    assert "generated 2 December 2026, 15:05 UTC" in path.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]  # written atomically, no partial left


def test_an_older_manifest_without_words_still_renders():
    entry = _entry("old", "burden_sharing", BURDEN)
    for key in ("topic", "data_used", "generated", "data_as_of", "commit"):
        entry["report"].pop(key)
    page = render_index([entry], "0.1.0")
    assert "Data editions: defence_expenditure: 2026-07" in page
    assert "<h2>Burden sharing</h2>" in page  # the notebook's name in words


def test_data_pages_for_every_catalogue_resource(tmp_path):
    datasets = write_data_pages(tmp_path, DATA_DIR, "0.1.0")
    catalogue = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    names = [res["name"] for res in catalogue["resources"]]
    assert [d["name"] for d in datasets] == names
    for res in catalogue["resources"]:
        page = (tmp_path / "data" / f"{res['name']}.html").read_text(encoding="utf-8")
        assert f"<title>{res['title']} — natolab data</title>".replace("'", "&#x27;") in page
        assert '<html lang="en">' in page
        for found in res["schema"]["fields"]:
            assert f"<code>{found['name']}</code>" in page
        csv_copy = tmp_path / "data" / Path(res["path"]).name
        assert csv_copy.read_bytes() == (DATA_DIR / res["path"]).read_bytes()
        assert f'href="{csv_copy.name}"' in page
        assert "How to cite" in page and "Licences" in page
    spending = (tmp_path / "data" / "defence_expenditure.html").read_text(encoding="utf-8")
    assert "June 2024" in spending and "NATO Public Diplomacy Division" in spending
    assert re.search(r"[\d,]+ rows", spending)
    members = (tmp_path / "data" / "members.html").read_text(encoding="utf-8")
    assert "<td>official</td>" in members  # the grade of a source id, from the references table


def test_data_pages_are_rewritten_only_when_they_change(tmp_path):
    data = tmp_path / "catalogue"
    data.mkdir()
    (data / "a.csv").write_text('x,note\n1,"two\nlines"\n2,b\n', encoding="utf-8")
    (data / "references.csv").write_text("source_id,grade\nM01,official\n", encoding="utf-8")
    package = {
        "created": "2026-11-28T00:00:00Z",
        "resources": [{
            "name": "a", "path": "a.csv", "title": "Series A", "description": "Numbers.",
            "schema": {"fields": [{"name": "x", "type": "integer", "unit": "Allies", "description": "How many"},
                                  {"name": "note", "type": "string"}], "primaryKey": ["x"]},
            "sources": [{"title": "Member countries [M01]", "publisher": "NATO", "path": "https://www.nato.int/x"},
                        {"title": "Spending", "publisher": "NATO (secondary transcription)", "edition": "2024-06"}],
            "licenses": [{"name": "NATO-attribution", "title": "NATO: free to reuse with attribution",
                          "path": "https://www.nato.int/terms"}],
        }],
    }
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    out = tmp_path / "reports"
    assert write_data_pages(out, data, "0.1.0") == [{"name": "a", "title": "Series A", "page": "data/a.html"}]
    page = (out / "data" / "a.html").read_text(encoding="utf-8")
    assert "2 rows" in page  # records, not lines
    assert "<td>Allies</td>" in page and "How many" in page and "required" not in page
    assert "<td>official</td>" in page
    assert "June 2024: Spending (NATO (secondary transcription))" in page
    assert '<a href="https://www.nato.int/terms">NATO: free to reuse with attribution</a>' in page
    assert "NATO. Data as of 28 November 2026. In: natolab 0.1.0, “Series A”, data/a.csv." in page
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "data").iterdir()}
    write_data_pages(out, data, "0.1.0")
    assert {p.name: p.stat().st_mtime_ns for p in (out / "data").iterdir()} == stamps
    assert sorted(stamps) == ["a.csv", "a.html", "pages.key"]  # no partial files left
    # A changed CSV changes the key the pages were built from: they are rebuilt.
    (data / "a.csv").write_text('x,note\n1,"two\nlines"\n2,b\n3,c\n', encoding="utf-8")
    write_data_pages(out, data, "0.1.0")
    assert "3 rows" in (out / "data" / "a.html").read_text(encoding="utf-8")
    assert (out / "data" / "a.csv").read_bytes() == (data / "a.csv").read_bytes()
    assert write_data_pages(out, tmp_path / "no-catalogue", "0.1.0") == []


@pytest.mark.browser
def test_typing_a_country_in_the_filter_hides_the_other_reports(tmp_path):
    from browser.lab import LAUNCH_ARGS, find_chromium

    chromium = find_chromium()
    if chromium is None or importlib.util.find_spec("playwright") is None:
        pytest.skip("needs chromium and playwright")
    from playwright.sync_api import sync_playwright

    path = write_index(tmp_path, _entries(), "0.1.0")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            assert page.is_visible("#filter-text")  # shown by the script
            page.fill("#filter-text", "Belgium")
            visible = page.eval_on_selector_all("li.report:not([hidden])", "els => els.map(e => e.id)")
            assert visible == ["report-country_profile-BEL"]
            assert page.inner_text("#filter-count") == "1 of 9 reports match"
            assert not page.is_visible("#burden_sharing")  # a topic with no match folds away
            page.fill("#filter-text", "turkiye")
            visible = page.eval_on_selector_all("li.report:not([hidden])", "els => els.map(e => e.id)")
            assert visible == ["report-country_profile-TUR", "report-enlargement-1952"]
            page.fill("#filter-text", "")
            assert len(page.query_selector_all("li.report:not([hidden])")) == 9
        finally:
            browser.close()


def test_filter_text_names_the_editions_a_report_used_not_every_file_it_read():
    # Every profile reads the KFOR dataset, whose title names Belgium: typing "Belgium" must
    # still find Belgium's profile, not all 32.
    turkey = _entry("country_profile-TUR", "country_profile", PROFILE, f"{PROFILE} — Türkiye",
                    parameters={"country": "TUR"}, subject="Türkiye")
    turkey["report"]["data_used"].append(
        {"name": "kfor_contributions", "title": "KFOR troops by nation, and Belgium's KFOR series",
         "editions_in_words": []})
    page = render_index([turkey], "0.1.0", datasets=[], logs=set())
    search = re.search(r'id="report-country_profile-TUR" data-search="([^"]*)"', page).group(1)
    assert "belgium" not in search and "kfor" not in search
    assert "turkiye" in search and "july 2026" in search and "defence_expenditure" in search
