"""natolab.resources.Frames: the one object that hands a function its resources, given or bundled."""

from __future__ import annotations

import pandas as pd
import pytest

from natolab import metrics, provenance
from natolab.resources import Frames

MEMBERS = pd.DataFrame({"iso3": ["AAA"], "accession_date": pd.to_datetime(["1949-04-04"]),
                        "enlargement_round": ["founders"], "round_number": [0]})


def test_given_frames_are_returned_as_given_and_none_means_bundled():
    data = Frames(members=MEMBERS, countries=None)
    assert data["members"] is MEMBERS
    assert data.given("members") is MEMBERS
    assert data.given("countries") is None
    assert "iso3" in data["countries"].columns  # the bundled resource


def test_a_bundled_resource_is_loaded_once_per_object_and_every_read_is_recorded():
    data = Frames()
    provenance.reset()
    try:
        first = data["countries"]
        assert data["countries"] is first
        assert provenance.used() == {"countries": []}
        provenance.reset()
        data["countries"]
        assert provenance.used() == {"countries": []}  # a later read is still a use
    finally:
        provenance.reset()
    assert Frames()["countries"] is not first  # another object, another load


def test_unknown_resource_names_the_valid_ones():
    with pytest.raises(TypeError, match=r"unknown resource\(s\) 'member'\. Valid resources: .*\bmembers\b"):
        Frames(member=MEMBERS)
    with pytest.raises(TypeError, match="defence_expenditure"):
        Frames(expenditure=MEMBERS)


def test_frozen_compared_by_identity_and_replaced_whole():
    data = Frames(members=MEMBERS)
    with pytest.raises(AttributeError):
        data.members = None  # type: ignore[attr-defined]
    assert data == data and data != Frames(members=MEMBERS)
    other = data.replace(countries=MEMBERS)
    assert other.given("members") is MEMBERS and other.given("countries") is MEMBERS
    assert data.given("countries") is None
    assert data.replace(members=None).given("members") is None


def test_derived_tables_are_computed_once_per_object():
    calls = []

    def count(frames: Frames) -> int:
        calls.append(frames)
        return len(frames["members"])

    data = Frames(members=MEMBERS)
    assert data.derived(count) == 1 and data.derived(count) == 1
    assert calls == [data]


def test_one_object_serves_a_chain_of_calls():
    data = Frames(members=MEMBERS, countries=pd.DataFrame({"iso3": ["AAA"], "name": ["Aland"]}))
    assert metrics.members_on("2000-01-01", data=data)["country"].tolist() == ["Aland"]
    assert metrics.count_members("2000-01-01", data=data) == 1
    assert metrics.Frames is Frames



def test_checked_names_the_resource_and_its_missing_columns():
    data = Frames(members=MEMBERS)
    assert data.checked("members", ["iso3", "accession_date"]) is MEMBERS
    with pytest.raises(ValueError, match=r"members: missing column\(s\) status, name; has iso3, accession_date"):
        data.checked("members", ["iso3", "status", "name"])
