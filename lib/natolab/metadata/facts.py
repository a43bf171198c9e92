"""Catalogue entries of the NATO facts datasets (membership, summits, EU-NATO, partners,
operations, claims, references), curated by ``natolab.importers.facts``."""

from __future__ import annotations

from typing import Any

from natolab.metadata._descriptors import (
    ACCESSED,
    ACCESSED_2026_UPDATE,
    SOURCE_ID_PATTERN,
    country_fk,
    facts_source,
    facts_update_source,
    field,
    flags,
    foreign_key,
    iso3,
    partial_date,
    precision,
    resource_descriptor,
    source_ids,
)

__all__ = ["RESOURCES"]

ROUND_LABELS = [
    "Founding 1949", "1952", "1955", "1982", "1999", "2004", "2009", "2017", "2020", "2023", "2024",
]


def _official(title: str, path: str, publisher: str = "NATO") -> dict[str, Any]:
    return {"title": title, "path": path, "publisher": publisher, "accessed": ACCESSED}


NATO_ENLARGEMENT = _official(
    "Enlargement and Article 10 (updated 8 Mar 2024) [M12]",
    "https://www.nato.int/cps/ru/natohq/topics_49212.htm?selectedLocale=en",
)
NATO_MEMBERS_2012 = _official(
    "Member countries (2012 archive) [M01]",
    "https://cybercemetery.unt.edu/archive/oilspill/20121020171034/http://www.nato.int/cps/en/"
    "SID-19D502B3-4C3DC2B7/natolive/topics_52044.htm",
)
NATO_EAPC = _official("Euro-Atlantic Partnership Council [P01]",
                      "https://www.nato.int/cps/en/natohq/topics_49276.htm")
NATO_GLOBAL = _official("Partners across the globe [P12]",
                        "https://www.nato.int/cps/en/natohq/topics_49188.htm?selectedLocale=en")
NATO_OPERATIONS = _official("Operations and missions: past and present [O28]",
                            "https://www.nato.int/cps/en/natohq/topics_52060.htm?selectedLocale=en")
NATO_EU = _official("Relations with the European Union [U18]",
                    "https://www.nato.int/cps/en/natohq/topics_49217.htm")
WALES_PLEDGE = _official("Wales Summit: Defence Investment Pledge [S02]",
                         "https://www.nato.int/cps/en/natohq/news_112461.htm")
VILNIUS_COMMUNIQUE = _official("Vilnius Summit Communiqué [S17]",
                               "https://www.nato.int/cps/en/natohq/official_texts_217320.htm")

MEMBERS = resource_descriptor(
    "members",
    "NATO Allies and their accession",
    "The 32 Allies: accession date, enlargement round (ten rounds after the 12 founders, "
    "numbered 1952=1 ... 2024=10; NATO says membership grew 'from 12 to 32 countries through 10 "
    "rounds of enlargement', M12; the numbering is the collector's and matches that count). "
    "Founders carry 1949-04-04, the signature of the Treaty: it entered into force on "
    "1949-08-24 and each founder's ratification date was not collected. Germany: NATO's "
    "6 May 1955 (deposit) kept, 9 May 1955 (ceremony) flagged. Spain: NATO gives only May 1982; "
    "30 May 1982 is from secondary sources. special_notes hold the special cases: France outside "
    "the integrated military command 1966-2009, Greece outside the military wing Aug 1974 to "
    "Oct 1980, German reunification 1990 (Two Plus Four Treaty Art. 5(3) restrictions), Iceland "
    "without standing armed forces (last US personnel left Keflavik 30 Sep 2006), Denmark's "
    "Greenland and Faroes (NATO side from a low-grade source only). eu_notes carry EU candidate "
    "notes from a May 2019 page (E07), not checked since.",
    [
        iso3(),
        field("accession_date", "Date the country became an Ally (founders: signature of the "
              "North Atlantic Treaty)", "date", required=True),
        field("enlargement_round", "Founding 1949, or the year of the enlargement round",
              required=True, enum=ROUND_LABELS),
        field("round_number", "0 = founders, 1..10 = enlargement rounds in order", "integer",
              required=True, minimum=0, maximum=10),
        field("founding_member", "One of the 12 signatories of 4 April 1949", "boolean",
              required=True),
        field("accession_date_basis", "What the accession date is (signature, deposit of the "
              "instrument of accession, ...)", required=True),
        field("special_notes", "Special cases of this Ally's membership (blank = none)"),
        field("eu_notes", "EU status notes as given by the source (candidate status per a "
              "May 2019 page, E07; former membership of the UK)"),
        flags(),
        source_ids(),
    ],
    primary_key=["iso3"],
    foreign_keys=country_fk("iso3"),
    sources=[facts_source("members.csv", "Allies"), NATO_ENLARGEMENT, NATO_MEMBERS_2012],
)

EU_MEMBERSHIP = resource_descriptor(
    "eu_membership",
    "EU membership (EEC/EC/EU entry and exit)",
    "Every current or former EU member (27 + the United Kingdom): date of entry into the "
    "EEC/EC/EU and, for the UK only, the exit (left at 23:00 GMT on 31 Jan 2020, E05). The six "
    "founders carry 1958-01-01, the entry into force of the Treaty of Rome; the ECSC dates from "
    "1952 (E01, E03). Germany joined as the Federal Republic; the former GDR territory entered "
    "with reunification on 3 Oct 1990. Denmark: the Faroe Islands never joined and Greenland "
    "left with effect from 1 Feb 1985 (E09). Austria, Cyprus, Ireland and Malta are EU members "
    "outside NATO (E08).",
    [
        iso3(),
        field("eu_accession_date", "Entry into the EEC/EC/EU", "date", required=True),
        field("eu_exit_date", "Exit from the EU (blank unless the country left)", "date"),
        field("notes", "Notes from the source rows"),
        source_ids(),
    ],
    primary_key=["iso3"],
    foreign_keys=country_fk("iso3"),
    sources=[
        facts_source("eu_nato_membership.csv; members.csv", "EU and NATO membership"),
        {
            "title": "Danish EU information: membership FAQ [E03]",
            "path": "https://english.eu.dk/en/faq/membership",
            "publisher": "Danish Parliament EU Information Centre",
            "accessed": ACCESSED,
        },
    ],
)

SUMMITS = resource_descriptor(
    "summits",
    "NATO summits and leaders' meetings, 1957-2026",
    "Every summit-level meeting of NATO Heads of State and Government in the 2026 update "
    "(summits_all.csv, 39 rows, Paris 1957 to Ankara 2026): the ten rows of the first "
    "collection (Bucharest 2008, Wales 2014 to The Hague 2025; copied unchanged, checked by the "
    "curation script) plus 29 new ones, among them special NAC meetings (Brussels 1985, 2001), "
    "the NATO-Russia summit (Rome 2002), the Meeting of NATO Leaders (Brussels 2017), the "
    "London Leaders' Meeting (2019) and the two extraordinary summits of 2022. This is WIDER "
    "than NATO's own count (NATO called Bucharest 2008 its 22nd summit and Lisbon 2010 its "
    "24th; here they are the 23rd and 25th rows): never publish the number of rows as NATO's "
    "number of summits; say 'summits and leaders' meetings in the data', or count "
    "counted_by_nato. counted_by_nato is true where NATO counts the meeting (its mid-1997 "
    "count of 14 summit meetings, U26-01; regular summits after that) and blank where it is not "
    "established (the exceptional meetings: NATO's ordinals leave some of them out without "
    "saying which); it is never false. Strasbourg/Kehl 2009 had two hosts (France and "
    "Germany); the virtual meeting of 25 Feb 2022 none. n_allies counts the Allies whose "
    "accession date is on or before the first day (Rome 2002: 19 Allies plus Russia). Ankara "
    "2026 outcomes rest on low-grade sources only; several pre-1990 days rest on a Wikipedia "
    "list (see flags). Spending targets are in the targets resource (summits_all.csv's "
    "target columns are not repeated here).",
    [
        field("summit", "Summit name: city and year (month where a year has two)", required=True,
              unique=True),
        field("city", "Venue as given by the source", required=True),
        iso3("host_iso3", "Host country (key of countries; blank for the virtual meeting of "
             "25 Feb 2022; the first-named host where there were two)", required=False),
        iso3("co_host_iso3", "Second host where a summit had two (Strasbourg/Kehl 2009: "
             "Germany); blank otherwise", required=False),
        field("start_date", "First day", "date", required=True),
        field("end_date", "Last day", "date", required=True),
        field("meeting_type", "Kind of meeting as the source gives it (Summit, Special meeting of "
              "the NAC ..., Meeting of NATO Leaders, Leaders' Meeting, Extraordinary summit ...)",
              required=True),
        field("counted_by_nato", "True where NATO counts the meeting among its summits; blank "
              "where that is not established (never false): see nato_count_basis", "boolean"),
        field("nato_count_basis", "count_1997: within NATO's count of 14 summit meetings to "
              "mid-1997 (U26-01; the data's meetings to May 1997 are exactly 14); "
              "regular_summit: after mid-1997, typed 'Summit' by the source; "
              "exceptional_meeting: special, extraordinary or leaders' meeting or the "
              "NATO-Russia summit, some of which NATO's numbering leaves out", required=True,
              enum=["count_1997", "regular_summit", "exceptional_meeting"]),
        field("n_allies", "Number of Allies on the first day of the meeting", "integer",
              required=True, unit="Allies"),
        field("burden_sharing_decisions", "Decisions on defence spending (blank = not "
              "retrieved or none)"),
        field("other_key_decisions", "Other key decisions"),
        source_ids(),
        flags(),
    ],
    primary_key=["summit"],
    foreign_keys=country_fk("host_iso3", "co_host_iso3"),
    sources=[facts_update_source("summits_all.csv", "summit-level meetings 1957-2026"),
             facts_source("summits.csv", "summits (first collection, copied into summits_all.csv)"),
             WALES_PLEDGE, VILNIUS_COMMUNIQUE],
)

TARGETS = resource_descriptor(
    "targets",
    "Defence-spending commitments (Wales 2014, Vilnius 2023, The Hague 2025)",
    "One row per commitment. Wales 2014: move towards 2% of GDP within a decade and spend 20% "
    "of defence expenditure on major equipment incl. R&D (target_year 2024 = the plain reading "
    "of 'within a decade'; the 20% wording is paraphrased from secondary reports). Vilnius "
    "2023: at least 2% of GDP every year (a floor; no target year; communiqué paragraph not "
    "retrieved). The Hague 2025: 5% of GDP annually by 2035 = at least 3.5% core defence + up "
    "to 1.5% defence- and security-related, progress review in 2029. agreed_date_basis says "
    "which day the source supports. Numbers are copied from summits.csv by the curation script, "
    "which fails if the raw text no longer contains them.",
    [
        field("target_id", "Identifier of the commitment", required=True, unique=True),
        field("summit", "Summit that agreed it (key of summits)", required=True),
        field("agreed_date", "Day the commitment was agreed", "date", required=True),
        field("agreed_date_basis", "What the agreed date rests on", required=True),
        field("measure", "Indicator the threshold applies to (as in defence_expenditure)",
              required=True, enum=["share_of_gdp_pct", "equipment_share_pct"]),
        field("spending_scope", "Which spending counts: NATO-definition defence expenditure, "
              "The Hague core defence, defence- and security-related, both, or major equipment",
              required=True, enum=["nato_defence_expenditure", "core_defence",
                                   "defence_and_security_related", "core_plus_related",
                                   "major_equipment_incl_rd"]),
        field("threshold_kind", "guideline (move towards), at_least, up_to, or level (the "
              "total to invest)", required=True,
              enum=["guideline", "at_least", "up_to", "level"]),
        field("threshold_pct", "Threshold: % of GDP, or % of defence expenditure for "
              "equipment_share_pct", "number", required=True, unit="%"),
        field("target_year", "Year by which the threshold is to be met (blank = every year)",
              "integer"),
        field("review_year", "Year of the agreed progress review (blank = none)", "integer"),
        field("description", "The commitment in words", required=True),
        source_ids(),
        flags(),
    ],
    primary_key=["target_id"],
    foreign_keys=[foreign_key("summit", "summits", "summit")],
    sources=[facts_source("summits.csv", "summits and targets"), WALES_PLEDGE, VILNIUS_COMMUNIQUE],
)

EU_NATO = resource_descriptor(
    "eu_nato",
    "EU-NATO cooperation milestones",
    "The 2002 declaration and 2003 Berlin Plus arrangements, the three Joint Declarations "
    "(Warsaw 8 Jul 2016, Brussels 10 Jul 2018, 10 Jan 2023), the two common sets of proposals "
    "(42 on 6 Dec 2016, 32 on 5 Dec 2017 = 74) and ten progress reports. Conflicts: EDA's "
    "Dec 2017 release says 31 new proposals; the third progress report and EDA in June 2018 say "
    "32 (kept: 42 + 32 = 74). A Russian news item's '40 points' for 2016 is treated as wrong. "
    "The days of the 1st, 4th, 7th and 9th reports were not found (month only; the 9th report's "
    "month is inferred from its coverage period) and the 10th report is undated (blank). "
    "n_actions is the size of the set endorsed, or the number of actions a report covers. "
    "The 2026 update (eu_nato_2025_2026.csv) adds the first von der Leyen-Rutte meeting "
    "(29 Oct 2024) and Rutte at the EU leaders' retreat (3 Feb 2025) as high_level_meeting, "
    "the content of the 10th report (still undated; merged into its row) and six EU defence "
    "initiatives of 2025-2026 (ReArm Europe, the White Paper, SAFE, the European Council "
    "conclusions of 26 Jun 2025 and 18 Jun 2026, the Defence Readiness Roadmap) as "
    "eu_initiative_context: CONTEXT, EU decisions rather than EU-NATO milestones; each row's "
    "content and flags say what link to NATO a source gives, if any. "
    "No new joint declaration and no 11th progress report was found. The 9th report's day "
    "(13 Jun 2024 per a source citing the Council, U26-52) is not applied: eu_nato.csv keeps "
    "2024-06.",
    [
        field("event_id", "event_type and number, or the year when unnumbered, or the full "
              "date where two unnumbered events of one type share a year", required=True,
              unique=True),
        partial_date("date", "Date of the event"),
        precision("date_precision", "date"),
        field("event_type", "Kind of milestone", required=True,
              enum=["declaration", "arrangement", "joint_declaration",
                    "common_set_of_proposals", "progress_report", "high_level_meeting",
                    "eu_initiative_context"]),
        field("number", "Ordinal within its event type (blank for the 2002/2003 rows)",
              "integer"),
        field("title", "Title", required=True),
        field("place", "Place"),
        field("signatories_or_body", "Signatories or endorsing bodies"),
        field("content_summary", "Content in brief"),
        field("n_actions", "Actions endorsed (sets) or covered (progress reports)", "integer",
              unit="actions"),
        source_ids(),
        flags(),
    ],
    primary_key=["event_id"],
    sources=[facts_source("eu_nato.csv", "EU-NATO milestones"),
             facts_update_source("eu_nato_2025_2026.csv", "EU-NATO milestones 2024-2026"),
             NATO_EU],
)

EU_NATO_ACTIONS = resource_descriptor(
    "eu_nato_actions",
    "EU-NATO common set of proposals: actions by batch and area",
    "Counts of common-set actions by batch (first_2016: 42; second_2017: 32; combined: 74) and "
    "area. Per-area counts are NOT available in the stored sources (the annexes of Council doc "
    "15283/16 and NATO PR (2017) 174 were not retrieved): those cells are blank with "
    "n_actions_status not_found, on purpose. The one area figure is countering hybrid threats, "
    "'20 out of 74' (eubulletin 2018; 'at least 20', Clingendael 2021; about 22 if cyber items "
    "are counted with hybrid), marked sourced_approximate. Whether 'strengthening political "
    "dialogue' was a heading of its own in 2016 is unverified. The combined rows cover two "
    "endorsement days, so their endorsement_date is blank.",
    [
        field("batch", "first_2016, second_2017 or combined (both sets)", required=True,
              enum=["first_2016", "second_2017", "combined"]),
        field("endorsement_date", "Day the set was endorsed (blank for combined)", "date"),
        field("area", "Area of cooperation, or TOTAL for the whole batch", required=True),
        field("area_origin", "Where the area comes from (Warsaw 2016 areas, new topics of "
              "Dec 2017)"),
        field("n_actions", "Number of actions (blank = not found in sources)", "integer",
              unit="actions"),
        field("n_actions_status", "sourced, sourced_conflict, sourced_approximate or not_found",
              required=True,
              enum=["sourced", "sourced_conflict", "sourced_approximate", "not_found"]),
        field("notes", "Notes"),
        source_ids(),
    ],
    primary_key=["batch", "area"],
    sources=[facts_source("eu_nato_actions.csv", "actions by area"), NATO_EU],
)

PARTNERSHIP_FRAMEWORKS = resource_descriptor(
    "partnership_frameworks",
    "NATO partnership frameworks",
    "Open Door (aspirants, Art. 10), Partnership for Peace, the Euro-Atlantic Partnership "
    "Council (same 18 partners as the PfP; 50 members with the 32 Allies), Mediterranean "
    "Dialogue, Istanbul Cooperation Initiative and partners across the globe: launch and number "
    "of partner countries (3 + 18 + 7 + 4 + 9 = 41 partner rows in partners). EAPC founding "
    "day unresolved (30 May 1997 in NATO press releases, 29 May 1997 on the Sintra chairman's "
    "summary; year kept). Partners across the globe have no single launch date (blank; the "
    "partnership policy was revised in April 2011).",
    [
        field("framework", "Identifier of the framework", required=True, unique=True,
              enum=["open_door", "pfp", "eapc", "mediterranean_dialogue",
                    "istanbul_cooperation_initiative", "partners_across_the_globe"]),
        field("name", "Name as written by the source", required=True),
        partial_date("launched", "Launch of the framework"),
        precision("launched_precision", "launched"),
        field("launch_detail", "How and where it was launched, with flags"),
        field("n_partner_countries", "Number of partner countries (Allies not counted)",
              "integer", required=True, unit="countries"),
        field("members_listed", "Partner countries as listed by the source"),
        field("notes", "Notes"),
        source_ids(),
    ],
    primary_key=["framework"],
    sources=[facts_source("partnership_frameworks.csv", "frameworks"), NATO_EAPC, NATO_GLOBAL],
)

PARTNERS = resource_descriptor(
    "partners",
    "Partner countries by framework",
    "One row per country and framework: the three aspirants (open_door), the 18 PfP/EAPC "
    "partners (Russia and Belarus suspended), 7 Mediterranean Dialogue, 4 Istanbul Cooperation "
    "Initiative and 9 partners across the globe. A country can appear in several frameworks. "
    "PfP dates are signature dates of the PfP Framework Document and rest on low-grade lists "
    "(P03-P05). Kuwait's ICI month conflicts (Nov 2004, Dec 2004, early 2005; 2004-12 kept). "
    "Japan's IPCP dated 6 May 2014 from NATO news (P23). Korea's ITPP 11 Jul 2023 (CSDS says "
    "13 Jul). Afghanistan and Pakistan have no formal-programme date (blank). date_joined is as "
    "precise as the source (see date_precision).",
    [
        iso3(),
        field("framework", "Framework (key of partnership_frameworks; the PfP partners are "
              "also the EAPC partners)", required=True,
              enum=["open_door", "pfp", "mediterranean_dialogue",
                    "istanbul_cooperation_initiative", "partners_across_the_globe"]),
        field("status", "Status as written by the source", required=True),
        field("partnership_suspended", "The source marks the partnership as suspended",
              "boolean", required=True),
        partial_date("date_joined", "Date the country joined (or key milestone for aspirants)"),
        precision("date_precision", "date_joined"),
        field("year_joined", "Year joined", "integer"),
        field("notes", "Notes"),
        flags(),
        source_ids(),
    ],
    primary_key=["iso3", "framework"],
    foreign_keys=[
        *country_fk("iso3"),
        foreign_key("framework", "partnership_frameworks", "framework"),
    ],
    sources=[facts_source("candidates_partners.csv", "partners"), NATO_EAPC, NATO_GLOBAL,
             NATO_ENLARGEMENT],
)

ASPIRANTS = resource_descriptor(
    "aspirants",
    "Aspirant countries (Open Door, Article 10)",
    "Bosnia and Herzegovina, Georgia and Ukraine (M12). milestone_date: BiH's invitation to the "
    "Membership Action Plan (22 Apr 2010, A01); for Georgia and Ukraine the Bucharest Summit of "
    "April 2008 where Allies agreed they 'will become members' (month only in the source row; "
    "the Summit Declaration is dated 3 Apr 2008, S31). Ukraine applied for accelerated "
    "accession on 30 Sep 2022 (secondary sources, A04); the MAP requirement was removed at "
    "Vilnius 2023 and Washington 2024 called its path 'irreversible'. Application dates of BiH "
    "and Georgia were not collected (blank).",
    [
        iso3(),
        field("status", "Status as written by the source", required=True),
        field("map_status", "Membership Action Plan: map (invited), no_map, or "
              "map_not_required (removed for Ukraine at Vilnius 2023)", required=True,
              enum=["map", "no_map", "map_not_required"]),
        field("milestone", "What milestone_date marks", required=True),
        partial_date("milestone_date", "Date of the milestone", required=True),
        precision("milestone_date_precision", "milestone_date"),
        field("application_date", "Formal application for membership (blank = not collected)",
              "date"),
        field("notes", "Notes"),
        flags(),
        source_ids(),
    ],
    primary_key=["iso3"],
    foreign_keys=country_fk("iso3"),
    sources=[facts_source("candidates_partners.csv", "aspirants"), NATO_ENLARGEMENT],
)

OPERATIONS = resource_descriptor(
    "operations",
    "NATO operations, missions and activities, 1993-2026",
    "Start and end dates (as precise as the sources), status, mandate and strength notes. "
    "Conflicts kept and flagged: Deliberate Force 30 Aug-14 Sep 1995 (SHAPE; others end it "
    "20/21 Sep); Active Endeavour start_date 4 Oct 2001 is the NAC decision (deployment 6 Oct, "
    "formal start 26 Oct per NATO); Essential Harvest and Amber Fox start days vary by a day; "
    "Ocean Shield end 15 Dec or 24 Nov 2016; Baltic Air Policing March or April 2004; the "
    "Aegean activity's status and end are unknown (status 'unclear'); NSATU's start 11 Jul "
    "2024 is the announcement (declaration 10 Jul, coordination from 12 Jul); ISAF's '28 PRTs' "
    "is not confirmed (USAID and ALNAP give 26). Six rows from operations_additions.csv "
    "(SOURCES-deterrence.md, D source ids): Eastern Sentry (12 Sep 2025 is the announcement; "
    "reports say it began that evening), Arctic Sentry (11 Feb 2026, mainly secondary "
    "reports), Icelandic Air Policing (first deployment 5 May 2008), Enhanced Air Policing "
    "(May 2014 per the Romanian MoD, April 2014 per AIRCOM; the Baltic augmentation stays in "
    "the Baltic Air Policing row), Enhanced Vigilance Activities (24 Feb 2022 = the invasion "
    "NATO responded to; no formal launch date) and the augmentation of Turkey's air defence "
    "(Active Fence; 4 Dec 2012 is the NAC decision). Their statuses are 'ongoing' as of the "
    "latest source retrieved (2023-2026), not checked since. The air-policing rows' "
    "operation_id (baltic_air_policing, icelandic_air_policing, enhanced_air_policing, "
    "enhanced_vigilance_activities) is the mission name before any bracket.",
    [
        field("operation_id", "Identifier derived from the short name (the part before any "
              "bracket)", required=True, unique=True),
        field("name", "Name", required=True),
        field("short_name", "Short name", required=True),
        field("operation_type", "Kind of operation", required=True),
        field("theatre", "Area of operation", required=True),
        partial_date("start_date", "Start", required=True),
        precision("start_date_precision", "start_date"),
        partial_date("end_date", "End (blank = ongoing or not found)"),
        precision("end_date_precision", "end_date"),
        field("start_year", "Year of start", "integer", required=True),
        field("end_year", "Year of end", "integer"),
        field("status", "ended, ongoing, or unclear (end not found)", required=True,
              enum=["ended", "ongoing", "unclear"]),
        field("mandate_or_basis", "Mandate or legal basis"),
        field("strength_notes", "Strength and output as given by the sources (text)"),
        field("successor_or_predecessor", "Related operations"),
        source_ids(),
        flags(),
    ],
    primary_key=["operation_id"],
    sources=[facts_source("operations.csv", "operations"),
             facts_source("operations_additions.csv", "operations and activities added in 2026",
                          notes="SOURCES-deterrence.md", accessed=ACCESSED_2026_UPDATE),
             NATO_OPERATIONS],
)

KFOR_STRENGTH = resource_descriptor(
    "kfor_strength",
    "KFOR troop strength at selected dates, 1999-2025",
    "KFOR strength at the dates the sources give; no complete annual series exists in the "
    "stored sources. Mixed quality: 2000 and 2006 from low-grade sites, 2024 and 2025 from "
    "Wikipedia transcriptions, the 2008 date assignment approximate; the Feb 2017 placemat "
    "(4,273) and Feb 2013 JFC Naples figure are the most reliable. figure_kind says whether a "
    "number is exact, approximate or a bound ('over', 'just under').",
    [
        partial_date("date", "Date of the figure", required=True),
        precision("date_precision", "date"),
        field("kfor_troops", "KFOR troops", "integer", required=True, unit="troops"),
        field("figure_kind", "exact, approx, lower_bound ('over', 'more than') or upper_bound "
              "('just under')", required=True,
              enum=["exact", "approx", "lower_bound", "upper_bound"]),
        field("figure_qualifier", "Qualifier as written by the source", required=True),
        field("n_contributing_nations", "Contributing nations", "integer", unit="countries"),
        field("source_type", "Kind and grade of the source", required=True),
        source_ids(),
        flags(),
    ],
    primary_key=["date"],
    sources=[
        facts_source("kfor_troop_numbers.csv", "KFOR strength"),
        _official("KFOR mission [O09]",
                  "https://jfcnaples.nato.int/kfor/about-us/welcome-to-kfor/mission",
                  "NATO JFC Naples"),
    ],
)

EFP_BATTLEGROUPS = resource_descriptor(
    "efp_battlegroups",
    "Forward Land Forces (eFP) battlegroups",
    "The eight multinational battlegroups on the eastern flank: host, framework nation (as of "
    "the latest source), location and troops in June 2022 (NATO press office figures via LSM, "
    "total 9,641). Framework nations changed: Slovakia Czech Republic 2022 to 30 Jun 2024, then "
    "Spain; Bulgaria was host and framework nation from 1 Mar 2022, Italy from 17 Oct 2022 (so "
    "Bulgaria led it at the June 2022 count). Contributor lists change over time and differ "
    "between sources; they are tied to the dated source named in the text.",
    [
        iso3("host_iso3", "Host nation (key of countries)"),
        iso3("framework_iso3", "Framework (lead) nation as of the latest source"),
        field("established_year", "Year the battlegroup was established", "integer",
              required=True),
        field("framework_nation_history", "Framework nations over time", required=True),
        field("location", "Main location"),
        field("troops_june_2022", "Troops in June 2022", "integer", unit="troops"),
        field("contributing_nations_note", "Contributing nations, with the date of the source"),
        source_ids(),
        flags(),
    ],
    primary_key=["host_iso3"],
    foreign_keys=country_fk("host_iso3", "framework_iso3"),
    sources=[
        facts_source("efp_battlegroups.csv", "battlegroups"),
        _official("eFP present structure [O30]", "https://shape.nato.int/efp/efp/present-structure",
                  "NATO SHAPE"),
    ],
)

ALLIES_2PCT_CLAIMS = resource_descriptor(
    "allies_2pct_claims",
    "Published claims: number of Allies at or above 2% of GDP",
    "What officials and reports said about how many Allies spent at least 2% of GDP, by year, "
    "and, marked apart, counts the curator made from a transcription of NATO's tables. These "
    "are claims, not computed from expenditure data, and a year can have several (statements "
    "of different dates, later editions restating a year): claim_id is the key, never year. "
    "The count's denominator is n_allies_total (the Allies the claim counts: 31 in the curator "
    "counts, which take the Allies NATO's 2026 tables report, Iceland having no armed forces). "
    "claim_kind: stated = said by NATO, the Secretary General or an official (as reported); "
    "derived = counted by the curator from the project's transcription of the July 2026 release "
    "(core defence expenditure), NOT a NATO statement; context = a later restatement of an "
    "earlier year, shown to explain how the count moved (2024: 23 in June 2024, 18 in the "
    "Aug 2025 release, 17 in the Jul 2026 release). Counts are blank where the raw file leaves "
    "them blank: sources conflict (2021: 6 per Sweden Herald, 8 implied by the SG annual "
    "report; 2022: 7 per the SG annual report, 8 per VOV with updated estimates) or the "
    "statement gives no number (2025: 'most - if not all', 4 Jun 2025; SG Annual Report 2025, "
    "known only from a low-grade paraphrase). The 2023 figure (11) comes from garbled secondary "
    "wording. 2025 conflicts by vintage and is not resolved: 31-32 in the statements of "
    "Jun-Aug 2025 and Mar 2026, 28 of 31 in the curator count from the Jul 2026 core edition.",
    [
        field("claim_id", "Key: the year and the ordinal of the claim for that year in source "
              "order (allies_2pct_count.csv, then allies_2pct_count_2025_2026.csv, rows as they "
              "stand), e.g. 2024-1 = SG Stoltenberg's 23 of 32 (Jun 2024); stable while the raw "
              "files only gain rows at the end", required=True, unique=True,
              pattern="[0-9]{4}-[0-9]+"),
        field("year", "Year the count refers to", "integer", required=True),
        field("n_allies_at_or_above_2pct", "Allies at or above 2% of GDP, out of "
              "n_allies_total (blank = sources conflict or no number given; see flags)",
              "integer", unit="Allies"),
        field("n_allies_total", "Denominator of the count: Allies that year, or the Allies "
              "the count covers (31 reporting Allies in the curator counts)", "integer",
              required=True, unit="Allies"),
        field("statement_basis", "Who said it, when (or how the curator counted)"),
        field("claim_kind", "stated (NATO / SG / official statement), derived (curator count "
              "from a transcription, flagged DERIVED in the raw file; not a NATO statement) or "
              "context (a later restatement of the year, raw flag 'CONTEXT row'); a row flagged "
              "both CONTEXT and DERIVED is derived", required=True,
              enum=["stated", "derived", "context"]),
        source_ids(),
        flags("as in the raw file"),
    ],
    primary_key=["claim_id"],
    sources=[
        facts_source("allies_2pct_count.csv", "claims up to 2024"),
        facts_update_source("allies_2pct_count_2025_2026.csv",
                            "claims for 2025 and 2026, curator counts, 2024 restatements"),
    ],
)

HAGUE_COMMITMENT = resource_descriptor(
    "hague_commitment",
    "The Hague Summit Declaration (25 Jun 2025): the spending commitment in parts",
    "One row per component of the Hague commitment: the total (5% of GDP annually by 2035, "
    "para 2), core defence requirements (at least 3.5%, on the agreed NATO definition), annual "
    "plans, defence- and security-related spending (up to 1.5%), the 2029 review, Ukraine "
    "contributions counted, defence industry cooperation, and Spain's exemption request with "
    "NATO's letter and response and Spain's signature. Paras 1-2 are verbatim from a full-text "
    "reprint (U26-28); paras 3-4 are quoted by news outlets (U26-29): the exact official "
    "wording of the 1.5% clause and of the 2029 review is not confirmed from a stored official "
    "copy; text_basis says which parts are verbatim, quoted or paraphrased. The Ukraine "
    "sentence (H06) is UBN's rendering and reads like a draft: do not quote it as the official "
    "text. value_pct_gdp is a share of GDP whose meaning value_note gives: a minimum (3.5), a "
    "maximum (1.5), or a party's view rather than a commitment (H08: 2.1 = Spain's stated "
    "need; H10: 3.5 = NATO's view of what Spain needs); blank where the component has no "
    "number. Spain's reading (exemption, 'flexibility') and NATO's ('NATO has no opt-out') "
    "conflict and are recorded, not resolved. The structured thresholds are in targets.",
    [
        field("component_id", "Identifier of the component (H01...)", required=True,
              unique=True, pattern="H[0-9]{2}"),
        field("component", "What the part is (paragraph of the Declaration where known)",
              required=True),
        field("statement", "The text: verbatim, quoted or paraphrased as text_basis says",
              required=True),
        field("text_basis", "How close statement is to the official text, and from where",
              required=True),
        field("value_pct_gdp", "Share of GDP named by the component (blank = none); see "
              "value_note", "number", unit="% of GDP"),
        field("value_note", "Words the source cell adds to the number ('minimum', "
              "'maximum', 'Spain's stated need', 'NATO view of Spain's need'; blank = none)"),
        field("target_year", "Year by which the value is to be reached, or the year of the "
              "review (H05: 2029); blank = none", "integer"),
        field("date", "Day of the statement (the Declaration: 25 Jun 2025)", "date",
              required=True),
        field("actor", "Who committed or said it", required=True),
        source_ids(),
        flags("as in the raw file (audit notes of 2026-12-01 included)"),
    ],
    primary_key=["component_id"],
    sources=[
        facts_update_source("hague_2025_commitment.csv", "the Hague commitment in parts"),
        {
            "title": "The Hague Summit Declaration, 25 Jun 2025, full-text reprint by Defence "
            "Turkey [U26-28] (official address not stored: https://www.nato.int/en/about-us/"
            "official-texts-and-resources/official-texts/2025/06/25/the-hague-summit-declaration)",
            "path": "https://www.defenceturkey.com/en/content/winners-of-the-nato-2025-the-hague-"
            "summit-president-trump-and-turkiye-6314",
            "publisher": "NATO (reprinted by Defence Turkey)",
            "accessed": ACCESSED_2026_UPDATE,
        },
    ],
)

REFERENCES = resource_descriptor(
    "references",
    "Sources of the facts datasets",
    "One row per source id of SOURCES.md (M = membership, E = EU, P = partners, A = aspirants, "
    "U = EU-NATO, S = summits, B = burden sharing, O = operations, K = KFOR) and of section 3 "
    "of SOURCES-2026-update.md (U26-01 ... U26-54: summits 1957-2026, Ankara 2026, The Hague "
    "2025, 2% counts, the 2025 and 2026 NATO releases, SIPRI 2026, EU-NATO 2024-2026). grade "
    "is the first word of the first bracketed tag: official (nato.int, EU institutions, "
    "governments), reprint (verbatim repost of an official text), secondary (news, think "
    "tanks), low (blogs, wiki copies; pointers only; in the 2026 update also public GitHub "
    "files such as news digests and code comments), derived (U26-41: the project's own "
    "transcription, from which the curator counted); blank = not graded in SOURCES.md. An "
    "entry citing several pages can mix grades (grades_mentioned; '[official + secondary]' "
    "gives both). Some URLs are archives, mirrors or proxies of official pages, as marked; "
    "for U26 ids url lists the addresses after 'Address:' (official addresses there may be "
    "named but not stored, as the entry says; blank where the entry has no URL). entry is the "
    "full line of the notes file after the id.",
    [
        field("source_id", "Source id used in source_ids columns", required=True, unique=True,
              pattern=SOURCE_ID_PATTERN),
        field("grade", "Grade of the (first) source", enum=["official", "reprint", "secondary",
                                                          "low", "derived"]),
        field("grades_mentioned", "All grades tagged in the entry, ';'-separated"),
        field("grade_detail", "The bracketed tags as written ('official, archived' ...)"),
        field("citation", "Description before the first URL"),
        field("url", "URLs of the stored pages, ' ; '-separated"),
        field("same_as", "Another source id this one repeats (blank = none)"),
        field("topic", "Section of SOURCES.md (U26 ids: 'SOURCES-2026-update.md: ' and "
              "its section)", required=True),
        field("entry", "The full entry as written in SOURCES.md or SOURCES-2026-update.md",
              required=True),
    ],
    primary_key=["source_id"],
    foreign_keys=[foreign_key("same_as", "", "source_id")],
    sources=[
        facts_source("SOURCES.md", "sources, grades, flags, conflicts"),
        facts_update_source("SOURCES-2026-update.md", "U26 sources, grades, audit notes"),
    ],
)

RESOURCES: list[dict[str, Any]] = [
    MEMBERS,
    EU_MEMBERSHIP,
    SUMMITS,
    TARGETS,
    EU_NATO,
    EU_NATO_ACTIONS,
    PARTNERSHIP_FRAMEWORKS,
    PARTNERS,
    ASPIRANTS,
    OPERATIONS,
    KFOR_STRENGTH,
    EFP_BATTLEGROUPS,
    ALLIES_2PCT_CLAIMS,
    HAGUE_COMMITMENT,
    REFERENCES,
]
