"""Catalogue entries of the deterrence datasets (air policing, Forward Land Forces history,
KFOR contributions by nation, DCB partners, NATO host sites), curated by
``natolab.importers.deterrence`` from the collection described in SOURCES-deterrence.md."""

from __future__ import annotations

from typing import Any

from natolab.metadata._descriptors import (
    CURATION_LICENCE,
    FACTS_LICENCE,
    country_fk,
    field,
    flags,
    iso3,
    partial_date,
    precision,
    resource_descriptor,
    source_ids,
)

__all__ = ["RESOURCES"]

NOTES = "SOURCES-deterrence.md"
# Lists of nations are ';'-separated ISO3 codes. natolab.data checks the pattern only: a
# foreign key cannot reach inside a list, so the curation script checks every element.
ISO3_LIST_PATTERN = "[A-Z]{3}(;[A-Z]{3})*"
LIST_CHECK = ("each code is checked against countries by the curation script "
              "(natolab.importers.deterrence); the catalogue's foreign keys cannot check list elements")

LICENCES = [
    CURATION_LICENCE,
    {**FACTS_LICENCE, "path": f"shared/sources/facts/{NOTES}"},
]

MISSIONS = [
    "Baltic Air Policing",
    "NATO enhanced Vigilance Activities (Baltic region)",
    "Icelandic Air Policing (ASIC IPPN)",
    "Enhanced Air Policing (Romania/Bulgaria)",
]
HOST_SITE_CATEGORIES = [
    "political headquarters", "political headquarters (former)",
    "strategic command (Allied Command Operations)", "strategic command", "operational command",
    "operational command (rear-area/enablement)", "component command (maritime)",
    "component command (air)", "component command (land)", "command", "maritime HQ (regional)",
    "agency", "agency site",
]


def _raw(file: str, what: str) -> dict[str, Any]:
    """The raw file a resource was curated from. The collection (archived pages of the
    project's stored corpus) gives no collection day, so there is no ``accessed``; it was
    audited on 2026-12-01."""
    return {
        "title": f"NATO deterrence facts collection, {file}",
        "path": f"shared/sources/facts/{file}",
        "description": f"{what}; provenance, grades, flags and the audit of 2026-12-01 in "
        f"shared/sources/facts/{NOTES}",
        "publisher": "natolab from archived public pages (see references, D source ids)",
    }


def _official(title: str, path: str, publisher: str) -> dict[str, Any]:
    """A main official page behind a resource (archived copy in the project's corpus)."""
    return {"title": title, "path": path, "publisher": publisher}


AIR_POLICING = resource_descriptor(
    "air_policing_rotations",
    "NATO air policing detachments: Baltic Air Policing rotations 1-69 and samples of other missions",
    "One row per detachment: mission, rotation, nation and base. Baltic Air Policing (BAP) "
    "rotations are NATO's 'Blocks' (three months to 31 Mar 2006, four months from then; several "
    "2007-2010 rotations were shorter), each with one row per detachment (single up to rotation "
    "34; lead and augmenting from rotation 35, at Šiauliai and at Ämari, Malbork or, while Ämari's "
    "runway was repaired in 2024, Lielvārde). Completeness: lead/single nations complete for "
    "rotations 1-69 (Mar 2004 to the rotation that took over in Aug 2025; later rotations were not "
    "searched; rotation 69 rests on one undated Polish Radio item and Hungary's lead on a "
    "[secondary] source); augmenting nations at the second base complete for rotations 35-69; "
    "extra reinforcements co-located at Šiauliai (DNK 2019 and 2022, CZE 2022, POL autumn 2022, "
    "DEU Jul 2020) included where found but possibly incomplete. The two eVA rows are Belgium's "
    "detachments of 2022 (role 'single' is the curator's label, not NATO's); Icelandic and "
    "southern enhanced air policing are samples only (3 rows each), not complete missions. "
    "Dates: start_date and end_date are the days the detachment took over and handed over duty, "
    "both counted (flags say where only a ceremony, arrival or departure date exists); consecutive "
    "detachments share the boundary day, so that day is in two rows. BAP started on 2004-03-29 "
    "(aircraft arrived; 30 Mar, 1 Apr and 'April 2004' are in the flags). Rotation numbers: "
    "rotation_number_basis says whether a source states the number or the curator counted it "
    "between stated anchors; press outliers (PAP '24th' 2010, BNS '57th' 2022, milmag '70th' "
    "2022) conflict with official anchors and are not used. n_aircraft conflicts (R17 DEU, R36 "
    "PRT, R47 ESP, R48 DEU, R62 PRT) keep the better-sourced value with both in the flags. "
    "Belgian participation counts differ by source (AIRCOM, Belgian Air Component, Lithuanian "
    "MoD) and are recorded as each source gives them, never reconciled; Belgium's lead/single "
    "rotations are 1, 11, 33, 48, 51, 52 and 64. Rows using [low] aggregator pages are "
    "flagged. Corrections of the audit of 2026-12-01 are applied and marked in flags.",
    [
        field("detachment_id", "Key made by the curation script: mission code (bap, eva, iap, eap), "
              "rotation number (r35) or, without one, the start month (2022_04), and the nation "
              "code, e.g. bap_r35_pol", required=True, unique=True,
              pattern="(bap|eva|iap|eap)_(r[0-9]{2,}|[0-9]{4}_[0-9]{2})_[a-z]{3}"),
        field("mission", "Mission or activity as the source file names it", required=True,
              enum=MISSIONS),
        field("rotation_number", "Rotation number of the mission (BAP: NATO's Block number; "
              "blank where the mission has none: eVA, eAP and IAP rows after the first)",
              "integer", minimum=1),
        field("rotation_number_basis", "stated = a retrieved source gives the number (for this "
              "rotation or its lead detachment); stated (first) = the first rotation; derived = "
              "counted by the curator from the sequence of handovers between stated anchors, not "
              "a number any source gives; blank when rotation_number is",
              enum=["stated", "stated (first)", "derived"]),
        partial_date("start_date", "Day the detachment took over duty (blank = not found)"),
        precision("start_date_precision", "start_date"),
        partial_date("end_date", "Day the detachment handed over duty, counted as on duty "
                     "(the next detachment starts the same day; blank = not found)"),
        precision("end_date_precision", "end_date"),
        field("base", "Air base of the detachment as written (Šiauliai, Ämari, Malbork, "
              "Lielvārde, Keflavík, ...)", required=True),
        iso3("nation_iso3", "Nation of the detachment (key of countries)"),
        field("role", "single (the only detachment; up to rotation 34, and the curator's label "
              "for the eVA rows), lead or augmenting as NATO uses the terms from rotation 35 "
              "(rotation 57: Denmark and Portugal both lead); blank = not stated in the sources",
              enum=["single", "lead", "augmenting"]),
        field("aircraft_type", "Aircraft type(s) as the source gives them (blank = not stated)"),
        field("n_aircraft", "Number of aircraft of the detachment (blank = not stated; where "
              "sources differ, the better-sourced one, both in flags)", "integer", unit="aircraft",
              minimum=1),
        source_ids(),
        flags("as in the raw file, incl. corrections of the audit of 2026-12-01"),
    ],
    primary_key=["detachment_id"],
    foreign_keys=country_fk("nation_iso3"),
    sources=[
        _raw("air_policing_rotations.csv", "air-policing detachments"),
        _official("10 years of NATO Baltic Air Policing [D26]",
                  "https://www.nato.int/cps/en/natohq/news_106114.htm", "NATO"),
        _official("Baltic Air Policing rotation, 5 Sep 2017 [D150]",
                  "https://www.nato.int/cps/en/natohq/news_146623.htm", "NATO"),
        _official("Safeguarding Alliance airspace continues as Allies rotate the NATO Baltic Air "
                  "Policing mission, Sep 2017 [D01]",
                  "https://ac.nato.int/archive/2017/safeguarding-alliance-airspace-continues-as-allies-"
                  "rotate-the-nato-baltic-air-policing-mission-", "NATO Allied Air Command"),
    ],
    licenses=LICENCES,
)

EFP_HISTORY = resource_descriptor(
    "efp_history",
    "Forward Land Forces (formerly eFP/tFP) by host and date, 2017-2026",
    "Framework nation, troops, contributors and unit scale of the multinational battlegroups "
    "(brigades) in Estonia, Latvia, Lithuania, Poland, Slovakia, Hungary, Romania, Bulgaria and "
    "Finland at the dates the sources give: one row per host and source date. Troop totals are "
    "official only for 28 Jun 2022 (NATO press office: EST 1,430; LVA 1,887; LTU 1,632; POL "
    "1,033; SVK 643; HUN 900; ROU 1,148; BGR 968; total 9,641, confirmed by the audit of "
    "2026-12-01); every other figure is secondary or [low] and flagged (LVA Aug 2025 3,500 and "
    "the Nov 2022 figures from a Wikipedia copy are [low]). NATO's eFP placemats with "
    "per-battlegroup strength (2017-2021, 2023-2025) were not found. troops is never summed by "
    "the curator (Aug 2017: NATO's ~4,500 for four battlegroups together is in flags). Contributor "
    "lists exist for 2017, 2018, c. 2019, Dec 2023 (LTU), 2025 (SVK, BGR, ROU, LTU) and 2026 "
    "(LTU); Poland has none after 2018; Estonia, Poland and Hungary have no rows after 2022. The "
    "2018 and 2019 dates are the curator's dating of undated SHAPE page versions (photo captions, "
    "MND-NE's Dec 2018 FOC); the Latvian MFA's 1,512 is undated (date blank). Romania 2017 is the "
    "tailored Forward Presence brigade. The Lithuania row of 2025-04-01 is Panzerbrigade 45, a "
    "German national brigade, not a NATO battlegroup (no troop figure; 4,800 is its 2027 "
    "target). Finland's unit_scale is blank on purpose ('scalable to brigade', only the command "
    "element permanent). The framework nation as of the latest source is in efp_battlegroups.",
    [
        field("observation_id", "Key made by the curation script: host code and date as written "
              "(LVA-2022-06-28, EST-2018), or host and 'undated' (LVA-undated, the Latvian MFA's "
              "undated figure)", required=True, unique=True,
              pattern="[A-Z]{3}-([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|undated)"),
        iso3("host_iso3", "Host nation (key of countries)"),
        partial_date("date", "Date the source describes (blank = undated source)"),
        precision("date_precision", "date"),
        iso3("framework_nation_iso3", "Framework (lead) nation at that date (key of countries)"),
        field("troops", "Total troops in the battlegroup or brigade on that date as the source "
              "gives it, never summed by the curator (blank = no figure in the source)",
              "integer", unit="troops", minimum=0),
        field("contributing_nations", "Contributors other than the host and the framework nation, "
              "';'-separated ISO3 codes in the source's order; blank = the source of this row "
              f"lists none (e.g. the Jun 2022 figures), not 'no contributors'; {LIST_CHECK}",
              pattern=ISO3_LIST_PATTERN),
        field("n_contributing_nations", "Number of codes in contributing_nations (blank when the "
              "list is)", "integer", unit="countries", minimum=1),
        field("unit_scale", "What the source calls the formation: battlegroup or brigade (blank "
              "for Finland: 'Forward Land Forces', scalable to brigade)",
              enum=["battlegroup", "brigade"]),
        source_ids(),
        flags("as in the raw file"),
    ],
    primary_key=["observation_id"],
    foreign_keys=country_fk("host_iso3", "framework_nation_iso3"),
    sources=[
        _raw("efp_history.csv", "Forward Land Forces by host and date"),
        _official("NATO's eFP battlegroups fully operational, 28 Aug 2017 [D64]",
                  "https://www.nato.int/cps/en/natohq/news_146557.htm", "NATO"),
        _official("eFP present structure [D65 = O30]", "https://shape.nato.int/efp/efp/present-structure",
                  "NATO SHAPE"),
        {
            "title": "Latvia hosts NATO's largest eastern flank battlegroup, 28 Jun 2022, quoting "
            "NATO press office figures [D68 = O32]",
            "path": "https://eng.lsm.lv/article/society/defense/latvia-hosts-natos-largest-eastern-flank-"
            "battlegroup.a463290/",
            "publisher": "LSM (Latvian Public Broadcasting)",
        },
    ],
    licenses=LICENCES,
)

KFOR_CONTRIBUTIONS = resource_descriptor(
    "kfor_contributions",
    "KFOR troops by nation at dated snapshots, and Belgium's KFOR series 1999-2025",
    "One row per nation and date. Snapshots: Jun 1999 (launch; the 9 largest contributors, "
    "round figures, Polish MoD summary), Feb 2017 (official KFOR placemat, 30 nations, the values "
    "sum to its total 4,273), Aug 2022 (16 of 27 nations, secondary), 2023 (27 values, secondary) "
    "and Apr 2025 (Italy only; the other values are cut off in the stored copy). Snapshot totals "
    "(4,273; 3,735 in Aug 2022, of which the 16 quoted values make 3,060; 4,353 in 2023; ~4,686 "
    "in Apr 2025) are in flags, never rows: do not sum a partial snapshot and call it KFOR's "
    "strength (kfor_strength has the totals). Feb 2017: the stored text copy drops four nation "
    "names, which the collector assigned by alphabetical position (SVN 252, TUR 303, GBR 1, USA "
    "675); the audit of 2026-12-01 found the position does not support them, so those rows have "
    "use_in_total_only = true: count them in the snapshot total, never show them as that "
    "nation's figure. 2023: the 136 given for Latvia ('Letonija') conflicts with the article's "
    "own list of contributors, which names Portugal and not Latvia (flagged, kept as stated). "
    "Belgian series: 1,100 on 1999-06-08 is PLANNED (AFP/Hina list); the 1999 row is blank "
    "because sources give 1,100-1,200 (not averaged); 750 in Feb 2000 is the Belgian share of "
    "the Northern brigade only; 2005 is blank (200 + 10 not summed); 0 on 2010-03-31 is the day "
    "the last 14 soldiers left (corrected by the audit); 5 in Apr 2025 is Belgium's share of the "
    "Benelux team of 13 (audit, [secondary]; another source gives a team of 12). Belgian counts "
    "that conflict are recorded as stated, never reconciled; 'about 16,000' / 'more than 15,000' "
    "Belgians served in total (not a row).",
    [
        partial_date("date", "Date of the figure", required=True),
        precision("date_precision", "date"),
        iso3("nation_iso3", "Contributing nation (key of countries)"),
        field("troops", "Troops of that nation in KFOR as the source gives them (blank = no "
              "single figure: a range or parts not summed; see flags)", "integer", unit="troops",
              minimum=0),
        field("use_in_total_only", "true = the nation of this value was inferred by the collector "
              "from its position in a text copy and the audit of 2026-12-01 found that unsupported "
              "(Feb 2017: SVN, TUR, GBR, USA): use the value in its snapshot's total only, never "
              "as that nation's figure", "boolean", required=True),
        field("planned", "true = an announced, not an actual, figure (raw flags 'PLANNED, not "
              "actual': Belgium's 1,100 of 8 Jun 1999)", "boolean", required=True),
        field("snapshot_complete", "true = the row belongs to a snapshot that lists every "
              "contributing nation (Feb 2017 placemat, 30 values summing to 4,273; the 2023 list, "
              "27 values summing to 4,353; SOURCES-deterrence.md), checked by the curation script "
              "against the count and sum its flags state; false for the partial snapshots and the "
              "Belgian series", "boolean", required=True),
        source_ids(),
        flags("as in the raw file; snapshot totals are here, incl. corrections of the audit of "
              "2026-12-01"),
    ],
    primary_key=["date", "nation_iso3"],
    foreign_keys=country_fk("nation_iso3"),
    sources=[
        _raw("kfor_contributions.csv", "KFOR troops by nation"),
        _official("Kosovo Force (KFOR) Key Facts and Figures placemat, Feb 2017, docslib copy "
                  "[D83 = K07]", "https://docslib.org/doc/4697084/kosovo-force-kfor-kosovo-force-kfor",
                  "NATO KFOR"),
        _official("KFOR [D82 = K01]", "https://gov.pl/web/national-defence/kfor",
                  "Polish Ministry of National Defence"),
    ],
    licenses=LICENCES,
)

DCB_PARTNERS = resource_descriptor(
    "dcb_partners",
    "Defence and Related Security Capacity Building (DCB) partners",
    "The DCB Initiative was launched at the 2014 Wales Summit. Rows: the eight current partners "
    "(Bosnia and Herzegovina, Georgia, Iraq, Jordan, Mauritania, the Republic of Moldova, "
    "Tunisia, the United Nations) and Libya, which requested support without a package "
    "(dcb_partner false). Start years are found for 7 of the 8 partners (Jordan blank: listed "
    "by Jul 2016, start not found; Moldova 2015 = package approval, invited 2014, per the audit "
    "of 2026-12-01 [secondary]). Georgia's 2014 is the Wales endorsement of the Substantial "
    "NATO-Georgia Package with a DCB element; Bosnia and Herzegovina's 2022 rests on 'tailored "
    "support' wording (the DCB label only on the current NATO page). Supporting Allies are "
    "recorded only where a source names them (partial); per-package lead nations were not found "
    "(packages are delivered through NATO and its trust funds). Belgium: not listed for Tunisia, "
    "because no retrieved source ties Belgium to that package (a reported Belgian foreign-"
    "ministry passage was not found). Codes: partner_iso3 is blank for the UN (not a state) and "
    "LBY for Libya, which is not in countries (no other dataset mentions it, and countries lists "
    "only those entities): so partner_iso3 has a pattern but no foreign key; the curation script "
    "checks every other partner code against countries and each partner name against its code. "
    "allies_supporting_iso3 is a list, checked element by element by the curation script.",
    [
        field("partner", "Partner as NATO's DCB page names it (key; the UN has no code and Libya "
              "is not in countries, so the name is kept)", required=True, unique=True),
        field("partner_iso3", "ISO 3166-1 alpha-3 code of the partner state (blank for the UN); "
              "not a foreign key: LBY is not in countries; every other code is checked against "
              "countries by the curation script", pattern="[A-Z]{3}"),
        field("dcb_start_year", "Year the partner's DCB package started (what the year is: "
              "start_basis; blank = not found)", "integer", minimum=2014),
        field("start_basis", "What the start year rests on", required=True),
        field("status_latest_source", "Status in the latest retrieved source", required=True),
        field("dcb_partner", "true = a DCB partner in the latest source; false = request only, "
              "no package (Libya); read from status_latest_source", "boolean", required=True),
        field("allies_supporting_iso3", "Allies named by a source as supporting the package, "
              f"';'-separated ISO3 (blank = none named; partial); {LIST_CHECK}",
              pattern=ISO3_LIST_PATTERN),
        field("belgium_support", "Belgium's role as found: Yes / Planned / Not confirmed / Not "
              "found, with the evidence", required=True),
        source_ids(),
        flags("as in the raw file, incl. corrections of the audit of 2026-12-01"),
    ],
    primary_key=["partner"],
    foreign_keys=[],
    sources=[
        _raw("dcb_partners.csv", "DCB partners"),
        _official("Defence and Related Security Capacity Building Initiative (versions Jul 2016, "
                  "Mar 2020, Jun 2023, current) [D99]",
                  "https://www.nato.int/cps/en/natohq/topics_132756.htm", "NATO"),
    ],
    licenses=LICENCES,
)

HOST_SITES = resource_descriptor(
    "host_sites",
    "NATO headquarters, commands and agencies: host country and opening",
    "Sixteen sites: NATO HQ (new and 1967 buildings), SHAPE, the three Joint Force Commands, "
    "the air, land and maritime component commands, ACT, JSEC, the NCI Agency (Brussels HQ and "
    "The Hague site), NSPA, the NSATU HQ and CTF Baltic. Not collected: other agencies and "
    "centres (STO, NMIOTC, Centres of Excellence, NATO Force Integration Units). What 'opening' "
    "means varies by site (opening_event says which event the date is): JFC Naples 1951 is "
    "AFSOUTH (the Lago Patria site is 2012); AIRCOM 1974 is the first NATO air HQ at Ramstein "
    "(the name AIRCOM from 2013, per a [low] source); JFC Brunssum 1967 is AFCENT's move "
    "('JFC Brunssum' from 2004). NCIA's 1 Jul 2012 rests on a [low] wiki copy and a secondary "
    "page; the The Hague site's opening year was not found (blank). NSPA Capellen: 1968 kept, "
    "1961 in one source (flagged). NATO HQ's address is given as Haren and as Evere (the "
    "boulevard runs along the boundary).",
    [
        field("site", "Site or headquarters (key)", required=True, unique=True),
        field("short_name", "Short name", required=True, unique=True),
        field("category", "Kind of site as the source file words it", required=True,
              enum=HOST_SITE_CATEGORIES),
        field("city", "City or locality as written", required=True),
        iso3("host_iso3", "Host country (key of countries)"),
        field("opening_year", "Year of the opening event (blank = not found)", "integer",
              minimum=1949),
        field("opening_date", "Day of the opening event (blank where only the year is known)",
              "date"),
        field("opening_precision", "day (opening_date given) or year (opening_year only); blank "
              "when no opening was found", enum=["day", "year"]),
        field("opening_event", "What the opening date is (founding, move to the present site, "
              "inauguration, capability milestone)", required=True),
        field("earlier_history", "Predecessors and earlier locations (blank = none given)"),
        source_ids(),
        flags("as in the raw file"),
    ],
    primary_key=["site"],
    foreign_keys=country_fk("host_iso3"),
    sources=[
        _raw("host_sites.csv", "NATO host sites"),
        _official("The big move, NATO Review 2007 [D107]",
                  "https://www.nato.int/docu/review/2007/Partnerships_Old_New/Big_move/EN/index.htm", "NATO"),
        _official("News list 'Headquarters (New)' [D108]",
                  "https://www.nato.int/cps/en/natohq/news.htm?keywordquery=Headquarters%20(New)&search=true",
                  "NATO"),
    ],
    licenses=LICENCES,
)

# The files are comma-separated; said explicitly because validators that sniff the dialect
# (frictionless) take the ';' of the lists of nations and source ids for the delimiter.
CSV_DIALECT = {"delimiter": ","}

RESOURCES: list[dict[str, Any]] = [
    {**res, "dialect": CSV_DIALECT}
    for res in (AIR_POLICING, EFP_HISTORY, KFOR_CONTRIBUTIONS, DCB_PARTNERS, HOST_SITES)
]
