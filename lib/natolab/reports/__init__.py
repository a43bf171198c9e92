"""``natolab report``: run the configured notebooks with papermill, export them, keep them fresh.

The package is split by job: :mod:`~natolab.reports.config` reads ``reports.toml``,
:mod:`~natolab.reports.parameters` checks parameters before any kernel starts,
:mod:`~natolab.reports.fingerprints` decides what is stale,
:mod:`~natolab.reports.worker` executes and exports one job in a worker process,
:mod:`~natolab.reports.store` commits outputs atomically,
:mod:`~natolab.reports.credits`, :mod:`~natolab.reports.downloads` and
:mod:`~natolab.reports.datapages` say where the data came from and give it to readers
(footer, ``.xlsx``, ``.metadata.json``, data pages),
:mod:`~natolab.reports.manifest` and :mod:`~natolab.reports.index` describe the result,
:mod:`~natolab.reports.runner` ties them together and :mod:`~natolab.reports.cli` is the command.

Importing this package is cheap on purpose: papermill, nbconvert and pandas are
only imported by the worker processes, so a run with nothing to do finishes at once.
"""
