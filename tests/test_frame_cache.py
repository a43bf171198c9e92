"""natolab.frame_cache: a validated frame is reused by content, never when anything it
depends on changed, and a bad or unreadable entry falls back to the CSV."""

from __future__ import annotations

import pandas as pd
import pytest
from test_data import COUNTRIES, MEMBERS, _package

from natolab import data, frame_cache


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A tiny data package whose frames go through the disk cache in a folder of its own."""
    monkeypatch.setenv("NATOLAB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(data, "_disk_cached", lambda data_dir: True)
    (tmp_path / "package").mkdir()
    directory = _package(tmp_path / "package", COUNTRIES, MEMBERS)
    yield directory
    data.clear_cache()


def _fresh_process() -> None:
    """What a new kernel sees: nothing cached in memory."""
    data.clear_cache()


def test_second_process_reads_the_validated_frame_not_the_csv(cached, monkeypatch):
    first = data.load("members", data_dir=cached)
    assert len(list((cached.parent / "cache").glob("members-*.pkl"))) == 1
    _fresh_process()

    def no_csv(file):
        raise AssertionError(f"read {file} although a validated frame was cached")

    monkeypatch.setattr(data, "_read_text_csv", no_csv)
    again = data.load("members", data_dir=cached)
    pd.testing.assert_frame_equal(first, again)


@pytest.mark.parametrize(("file", "content", "error"), [
    ("members.csv", MEMBERS.replace("3.08", "3.08x"), r"line 3, column 'share_pct'.*not a number"),
    ("countries.csv", COUNTRIES.replace("GRC,Greece,country\n", ""), r"unknown iso3.*'GRC'"),  # a key's target
], ids=["changed-csv", "changed-foreign-key-target"])
def test_a_change_it_depends_on_is_validated_again_and_its_error_reported(cached, file, content, error):
    data.load("members", data_dir=cached)
    _fresh_process()
    (cached / file).write_text(content, encoding="utf-8")
    with pytest.raises(data.DataValidationError, match=error):
        data.load("members", data_dir=cached)


def test_an_unreadable_entry_falls_back_to_the_csv(cached):
    first = data.load("members", data_dir=cached)
    (entry,) = (cached.parent / "cache").glob("members-*.pkl")
    entry.write_bytes(b"not a pickle")
    _fresh_process()
    assert data.load("members", data_dir=cached).equals(first)


def test_a_superseded_entry_is_replaced(cached):
    data.load("members", data_dir=cached)
    _fresh_process()
    (cached / "members.csv").write_text(MEMBERS.replace("3.08", "3.1"), encoding="utf-8")
    data.load("members", data_dir=cached)
    assert len(list((cached.parent / "cache").glob("members-*.pkl"))) == 1


def test_only_the_projects_data_folder_is_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("NATOLAB_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "package").mkdir()
    directory = _package(tmp_path / "package", COUNTRIES, MEMBERS)
    data.load("members", data_dir=directory)
    assert not (tmp_path / "cache").exists()
    data.clear_cache()


def test_cache_folder_is_inside_the_venv_or_the_override(monkeypatch, tmp_path):
    monkeypatch.setenv("NATOLAB_CACHE_DIR", str(tmp_path))
    assert frame_cache.cache_dir() == tmp_path
    monkeypatch.delenv("NATOLAB_CACHE_DIR")
    monkeypatch.setattr("sys.prefix", "/opt/venv")
    monkeypatch.setattr("sys.base_prefix", "/usr")
    assert str(frame_cache.cache_dir()) == "/opt/venv/natolab-cache"
    monkeypatch.setattr("sys.base_prefix", "/opt/venv")
    assert frame_cache.cache_dir() is None
