"""Curate the NATO facts datasets and the country table from the raw collection.

Reads ``shared/sources/facts/*.csv``, ``SOURCES.md``, ``SOURCES-2026-update.md`` (U26
source ids) and ``SOURCES-deterrence.md`` (D source ids), plus the country labels of the
defence-spending workbooks and of Natural Earth for ``country_names``, and writes the
tidy CSVs in ``data/`` named in :data:`natolab.importers.facts.curation.OUTPUTS`.

Nothing is imputed. Values are copied from the raw rows; every curation choice (a renamed
column, a quirk of one source, a value parsed out of free text) is a named constant with
the reason, and a changed raw file fails loudly instead of producing a silently
different table. One module per topic:

* :mod:`.inputs` — reads the raw collection (*Load inputs*);
* :mod:`.countries` — countries and country_names;
* :mod:`.members` — members and eu_membership;
* :mod:`.summits` — summits and targets;
* :mod:`.eu_nato` — eu_nato and eu_nato_actions;
* :mod:`.partners` — partners, partnership_frameworks and aspirants;
* :mod:`.operations` — operations, kfor_strength and efp_battlegroups;
* :mod:`.spending` — allies_2pct_claims and hague_commitment;
* :mod:`.references` — references, from the three SOURCES files;
* :mod:`.curation` — every table, the cross-table checks, and writing them (*Save outputs*).

Run: ``natolab data import-facts`` (curators only; needs ``../shared``).
"""
