"""The whole report set, as ``make reports`` builds it: every job in reports.toml, once.

One run of ``natolab report`` (the CLI, two workers) into a temporary folder, then the
editor's checks over everything it wrote: every job ran; no sentence pairs 3.5% with
2024 or counts more Allies than were reported; no raw Markdown leaks into the HTML;
the same Ally, year and edition give the same share of GDP in the burden-sharing,
profile and EU–NATO reports (and that figure is the source's); each job's manifest
lists exactly the editions its tables show. The profile of every Ally is checked
against the raw members and spending files. Expected values come from the raw files
in ../shared/sources, never from our CSVs or the code under test.
"""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from editorial import problems
from notebook_harness import figures, layout_problems, sentences, tables
from raw_sources import allies, raw_facts, transcribed, transcribed_year_label, transcribed_years

from natolab import data
from natolab.paths import DATA_DIR, PROJECT_ROOT, REPORTS_CONFIG
from natolab.reports.config import load_config
from natolab.reports.export import print_pdf

pytestmark = pytest.mark.slow

JOBS = load_config(REPORTS_CONFIG, data_dir=DATA_DIR).jobs
ALLIES = sorted(data.load("members")["iso3"].astype(str))
NAMES = dict(zip(data.load("countries")["iso3"], data.load("countries")["name"], strict=True))
EDITION_CODE = re.compile(r"^\d{4}-\d{2}$")
#: Tables that describe the catalogue or the report itself, not figures drawn from an edition.
CATALOGUE_TABLES = {"editions.csv", "data-used.csv"}


@pytest.fixture(scope="module")
def report_set(tmp_path_factory) -> Path:
    """Run every job of reports.toml with the CLI into a fresh folder; return that folder."""
    out = tmp_path_factory.mktemp("report-set")
    natolab = Path(sys.executable).with_name("natolab")
    run = subprocess.run([str(natolab), "report", "--output-dir", str(out), "--jobs", "2"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800)
    failed = [line for line in run.stdout.splitlines() if line.split()[1:2] not in (["ok"], [])]
    assert run.returncode == 0, f"natolab report exited {run.returncode}: {failed}\n{run.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def manifest(report_set) -> dict[str, dict]:
    jobs = json.loads((report_set / "manifest.json").read_text(encoding="utf-8"))["jobs"]
    return {job["job"]: job for job in jobs}


def _notebook(report_set: Path, job: str) -> nbformat.NotebookNode:
    return nbformat.read(report_set / job / f"{job}.ipynb", as_version=4)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_job_in_reports_toml_ran(manifest):
    assert [job.name for job in JOBS] == list(manifest)
    assert {name: job["status"] for name, job in manifest.items() if job["status"] != "ok"} == {}


def test_no_sentence_pairs_3_5_with_2024_or_counts_more_allies_than_reported(report_set):
    found = {job.name: problems(sentences(_notebook(report_set, job.name))) for job in JOBS}
    assert {name: found_ for name, found_ in found.items() if found_} == {}


def test_no_chart_in_any_report_has_a_layout_problem(report_set):
    """No text over text and no legend over data in any figure of any job (plots.layout_problems,
    recorded by plots.show in each figure output's metadata)."""
    found = {job.name: layout_problems(_notebook(report_set, job.name), job.notebook) for job in JOBS}
    assert {name: problems for name, problems in found.items() if problems} == {}


def _visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.browser
def test_default_burden_sharing_report_prints_on_at_most_12_pages(report_set, tmp_path):
    # The print budget: charts whole, headings with what follows, long tables folded.
    pdf = tmp_path / "burden_sharing.pdf"
    print_pdf(report_set / "burden_sharing" / "burden_sharing.html", pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
    assert 1 <= pages <= 12, f"the default burden-sharing report prints on {pages} pages"


@pytest.mark.browser
def test_index_filters_to_belgium_and_leads_to_its_report(report_set, artifacts_dir):
    """A reader's path: open the index, type "Belgium", follow the link, and find the report's
    title, header (back link, data date, editions), chart descriptions and working downloads."""
    from browser.lab import LAUNCH_ARGS, chromium_or_skip
    from playwright.sync_api import sync_playwright

    shots = artifacts_dir / "browser"
    shots.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_or_skip(), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto((report_set / "index.html").as_uri())
            page.fill("#filter-text", "Belgium")
            shown = page.eval_on_selector_all("li.report:not([hidden])", "els => els.map(e => e.id)")
            # Belgium's profile and the reports about Belgium by parameter or subject; no other profile.
            assert "report-country_profile-BEL" in shown
            assert not [job for job in shown if job.startswith("report-country_profile-") and job[-3:] != "BEL"]
            assert len(shown) < len(JOBS)
            page.screenshot(path=str(shots / "index-filtered-belgium.png"), full_page=False)
            page.click("#report-country_profile-BEL a.title")
            page.wait_for_load_state()
            assert page.url.endswith("country_profile-BEL/country_profile-BEL.html")
            assert page.title().startswith("Country profile") and page.title().endswith(f" — {NAMES['BEL']}")
            assert page.get_attribute("html", "lang") == "en"
            header = page.inner_text("nav.natolab-header")
            assert "All reports" in header and "Data as of" in header and "Editions used" in header
            alts = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt') || '')")
            assert alts and all(alt and "No description" not in alt for alt in alts), alts
            downloads = page.eval_on_selector_all("footer.natolab-footer a[href]",
                                                  "els => els.map(e => e.getAttribute('href'))")
            local = [href for href in downloads if "://" not in href and not href.startswith("#")]
            assert "country_profile-BEL.xlsx" in local
            base = report_set / "country_profile-BEL"
            missing = [href for href in local if not (base / href).resolve().is_file()]
            assert not missing, f"download links to files that do not exist: {missing}"
            page.screenshot(path=str(shots / "report-country_profile-BEL.png"), full_page=False)
            page.click("nav.natolab-header a")
            page.wait_for_load_state()
            assert page.url.endswith("/index.html")
        finally:
            browser.close()


def test_no_report_shows_raw_markdown(report_set):
    """Bold marks and dollar escapes are markup: a reader must never see them."""
    leaks = {}
    for job in JOBS:
        text = _visible_text((report_set / job.name / f"{job.name}.html").read_text(encoding="utf-8"))
        found = re.findall(r".{0,40}(?:\*\*|\\\$).{0,40}", text)
        if found:
            leaks[job.name] = found[:3]
    assert leaks == {}


def test_every_chart_has_a_description_and_every_page_a_title(report_set):
    """No nbconvert placeholder alt text anywhere; a page's <title> is its heading, not its job name."""
    placeholders, titles = {}, {}
    for job in JOBS:
        page = (report_set / job.name / f"{job.name}.html").read_text(encoding="utf-8")
        if "No description has been provided" in page:
            placeholders[job.name] = page.count("No description has been provided")
        titles[job.name] = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        if '<nav class="natolab-header"><a href="../index.html">' not in page:
            placeholders[job.name] = "no header line back to the index"
    assert placeholders == {}
    assert [name for name, title in titles.items() if title == name] == []
    assert titles["country_profile-BEL"].endswith("— Belgium")
    assert titles["burden_sharing-2025-nato-definition"].endswith("year 2025, edition of August 2025")
    index = (report_set / "index.html").read_text(encoding="utf-8")
    assert [NAMES[iso3] for iso3 in ALLIES if html.escape(NAMES[iso3]) not in index] == []  # searchable by name


def _raw_latest_core_shares(sources_dir: Path) -> tuple[int, str, dict[str, float]]:
    """(latest year, its label, country name → share of GDP) of the 2026-07 edition, from the
    transcription; the label is "2026e" when the file marks that year's figures as estimates."""
    last = transcribed_years(sources_dir, "2026-07")[-1]
    return last, transcribed_year_label(sources_dir, "2026-07", last), transcribed(sources_dir, "2026-07", last)


@pytest.mark.parametrize("iso3", ["BEL", "POL", "DEU"])
def test_one_headline_in_every_report(report_set, sources_dir, iso3):
    """One Ally, one year, one edition: one share of GDP in the four reports, the source's."""
    year, label, raw = _raw_latest_core_shares(sources_dir)
    expected = raw[NAMES[iso3]]
    league = {r["iso3"]: r for r in _csv(report_set / "burden_sharing/tables/league-table.csv")}[iso3]
    assert (league["edition"], league["year"]) == ("2026-07", label)
    profile_job = f"country_profile-{iso3}"
    profile = {int(r["year"]): r for r in _csv(report_set / profile_job / "tables/share-of-gdp.csv")}[year]
    assert profile["edition"] == "2026-07"
    eu = {r["iso3"]: r for r in _csv(report_set / "eu_nato_cooperation/tables/eu-spending-by-ally.csv")}[iso3]
    assert eu["edition"] == "2026-07"
    cs = {r["country"]: r for r in _csv(report_set / "deterrence_defence/tables/three-cs.csv")}[NAMES[iso3]]
    assert cs["edition"] == "2026-07"
    shown = {"burden_sharing": float(league["share_of_gdp_pct"]), profile_job: float(profile["value"]),
             "eu_nato_cooperation": float(eu["share_of_gdp_pct"]), "deterrence_defence": float(cs["share_of_gdp_pct"])}
    assert shown == dict.fromkeys(shown, expected)
    profile_text = "\n".join(sentences(_notebook(report_set, profile_job)))
    assert f"In {label}, {_in_prose(NAMES[iso3])} spent **{expected:.2f}% of GDP**" in profile_text


def _in_prose(name: str) -> str:
    """A country name as English prose writes it mid-sentence: 'the United States', 'the
    Netherlands', 'the Slovak Republic'; other names unchanged."""
    plural_or_union = name.startswith("United ") or name == "Netherlands" or name.endswith(" Republic")
    return f"the {name}" if plural_or_union else name


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
#: How the prose cites a NATO edition: "edition of April 2025", "edition 2025-08".
EDITION_CITED = re.compile(rf"\bedition (?:of ({'|'.join(_MONTHS)}) (\d{{4}})|(\d{{4}}-\d{{2}}))\b")


def _editions_cited(job_dir: Path) -> set[str]:
    """Every NATO edition the report's sentences cite (its Markdown outputs)."""
    cited: set[str] = set()
    for text in sentences(_notebook(job_dir.parent, job_dir.name)):
        for month, year, code in EDITION_CITED.findall(text):
            cited.add(code or f"{year}-{_MONTHS.index(month) + 1:02d}")
    return cited


def _editions_shown(job_dir: Path) -> set[str]:
    """Every NATO edition code a job's tables draw figures from (edition columns, or
    one column per edition as in the revisions table) or its sentences cite."""
    shown: set[str] = _editions_cited(job_dir)
    for path in sorted((job_dir / "tables").glob("*.csv")):
        if path.name in CATALOGUE_TABLES:
            continue
        rows = _csv(path)
        for column in (rows[0].keys() if rows else []):
            if EDITION_CODE.match(column):
                if any(r[column] for r in rows):
                    shown.add(column)
            elif column == "edition" or column.endswith("_edition"):
                shown |= {r[column] for r in rows if EDITION_CODE.match(r[column] or "")}
    return shown


def test_manifest_lists_exactly_the_editions_each_report_shows(report_set, manifest):
    everything = set(data.load("defence_expenditure")["edition"].astype(str))
    mismatched = {}
    for name, job in manifest.items():
        listed = set(job["report"]["data_editions"].get("defence_expenditure", []))
        shown = _editions_shown(report_set / name)
        if listed != shown:
            mismatched[name] = {"listed only": sorted(listed - shown), "shown only": sorted(shown - listed)}
    assert mismatched == {}
    default = set(manifest["burden_sharing"]["report"]["data_editions"]["defence_expenditure"])
    assert default < everything  # not every edition the file holds


# -- country profiles: every Ally, against the raw members and spending files ------------------

@pytest.fixture(scope="module")
def raw_members(sources_dir) -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in _csv(sources_dir / "facts/members.csv")}


def test_every_ally_has_a_profile_job(raw_members):
    assert sorted(raw_members) == ALLIES and len(ALLIES) == 32
    assert sorted(job.parameters["country"] for job in JOBS if job.notebook == "country_profile") == ALLIES


@pytest.mark.parametrize("iso3", ALLIES)
def test_profile_of_every_ally(report_set, raw_members, sources_dir, iso3):
    nb = _notebook(report_set, f"country_profile-{iso3}")
    name = NAMES[iso3]
    text = "\n".join(sentences(nb))
    assert f"## {name}" in text
    facts = {r["fact"]: r["value"] for r in tables(nb)["membership"]}
    assert facts["accession date"] == raw_members[iso3]["nato_accession_date"]
    assert facts["founding member"] == raw_members[iso3]["founding_member"]
    _, label, shares = _raw_latest_core_shares(sources_dir)
    shares = allies(shares)
    if name in shares:
        assert f"In {label}, {_in_prose(name)} spent **{shares[name]:.2f}% of GDP**" in text
        ranked = sorted(shares.values(), reverse=True)
        assert f"ranking **{ranked.index(shares[name]) + 1} of the {len(shares)}** Allies with a figure" in text
    else:
        assert iso3 == "ISL"  # the only Ally the 2026 edition has no row for
        assert "reports no defence expenditure" in text
        assert "no standing armed forces" in text
        assert tables(nb)["share-of-gdp"] == []


@pytest.fixture(scope="module")
def raw_contributions() -> dict[str, list[dict[str, str]]]:
    names = ("air_policing_rotations", "efp_history", "kfor_contributions", "host_sites", "dcb_partners", "summits_all")
    return {name: raw_facts(f"{name}.csv") for name in names}


def _first_day(label: str) -> str:
    return {1: f"{label}-01-01", 2: f"{label}-01"}.get(len(label.split("-")), label)


def _raw_flf_roles(rows: list[dict[str, str]], iso3: str) -> list[tuple[str, int, str, str]]:
    """(role, records, first, latest) per host and role naming the Ally in efp_history.csv (dated rows)."""
    named: dict[tuple[str, str], list[str]] = {}
    for r in sorted((r for r in rows if r["date"]), key=lambda r: _first_day(r["date"])):
        roles = [("host nation", r["host_iso3"] == iso3), ("framework nation", r["framework_nation_iso3"] == iso3),
                 ("contributor", iso3 in r["contributing_nations"].split(";"))]
        for role, yes in roles:
            if yes:
                named.setdefault((r["host_iso3"], role), []).append(r["date"])
    return sorted((role, len(d), d[0], d[-1]) for (_, role), d in named.items())


@pytest.mark.parametrize("iso3", ALLIES)
def test_profile_contributions_of_every_ally(report_set, raw_contributions, iso3):
    """What the Ally did and hosts, against the raw deterrence and summit files; never 'in the data' filler."""
    nb = _notebook(report_set, f"country_profile-{iso3}")
    shown, raw = tables(nb), raw_contributions
    own = [r for r in raw["air_policing_rotations"] if r["nation_iso3"] == iso3]
    flown = {r["mission"]: int(r["detachments"]) for r in shown.get("air-policing", [])}
    assert flown == dict(Counter(r["mission"] for r in own))
    led = {r["rotation_number"] for r in own if r["mission"] == "Baltic Air Policing" and r["role"] in ("lead", "single")}
    assert [int(r["rotations_led"]) for r in shown.get("air-policing", []) if r["mission"] == "Baltic Air Policing"] == (
        [len(led)] if "Baltic Air Policing" in flown else [])
    roles = sorted((r["role"], int(r["n_records"]), r["first_recorded"], r["latest_recorded"])
                   for r in shown.get("forward-land-forces", []))
    assert roles == _raw_flf_roles(raw["efp_history"], iso3)
    # KFOR: never a planned figure, nor one whose nation the curator inferred (SOURCES-deterrence.md audit).
    kfor = [(r["date"], r["troops"]) for r in raw["kfor_contributions"] if r["nation_iso3"] == iso3 and r["troops"]
            and not r["flags"].startswith("PLANNED") and "NATION NAME INFERRED" not in r["flags"]]
    assert [(r["date_label"], r["troops"]) for r in shown.get("kfor-troops", [])] == sorted(
        kfor, key=lambda d: _first_day(d[0]))
    assert ("kfor-troops" in figures(nb)) == (len(kfor) >= 2)
    assert {r["short_name"] for r in shown.get("host-sites", [])} == {
        r["short_name"] for r in raw["host_sites"] if r["host_iso3"] == iso3}
    assert {r["partner"] for r in shown.get("dcb-partners", [])} == {
        r["partner"] for r in raw["dcb_partners"] if iso3 in r["allies_supporting_iso3"].split(";")}
    assert {r["summit"] for r in shown.get("summits-hosted", [])} == {
        r["summit"] for r in raw["summits_all"] if iso3 in r["host_iso3"].split(";")}
    text = "\n".join(sentences(nb))
    assert "in the data" not in text
    assert f"{len(raw['summits_all'])} NATO summits and leaders' meetings held from" in text
