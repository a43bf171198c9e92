"""Tests for natolab.maps: shapes resolved offline by name, colours per round, legend and credit."""

from __future__ import annotations

import socket

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from natolab import maps, plots

COUNTRIES = pd.DataFrame(
    {
        "iso3": ["FRA", "NOR", "USA", "GRC", "TUR", "DNK", "UKR"],
        "name": ["France", "Norway", "United States", "Greece", "Türkiye", "Denmark", "Ukraine"],
    }
)
NAMES = pd.DataFrame(
    {
        "name": ["France", "Norway", "United States of America", "Greece", "Turkey", "Denmark", "Ukraine"],
        "iso3": ["FRA", "NOR", "USA", "GRC", "TUR", "DNK", "UKR"],
    }
)
MEMBERS = pd.DataFrame(
    {
        "iso3": ["FRA", "NOR", "USA", "DNK", "GRC", "TUR"],
        "accession_date": pd.to_datetime(["1949-04-04"] * 4 + ["1952-02-18"] * 2),
        "enlargement_round": ["Founding 1949"] * 4 + ["1952"] * 2,
        "round_number": [0, 0, 0, 0, 1, 1],
    }
)
KW = {"members": MEMBERS, "countries": COUNTRIES}


@pytest.fixture(scope="module")
def shapes():
    return maps.natural_earth_countries(country_names=NAMES)


def test_shapes_ship_with_pyogrio():
    path = maps.natural_earth_path()
    assert path.name == "naturalearth_lowres.shp"
    assert "pyogrio" in path.parts


def test_france_and_norway_are_matched_by_name(shapes):
    # Natural Earth codes both "-99"; the name lookup must give them their ISO3.
    by_name = shapes.set_index("name")["iso3"]
    assert by_name["France"] == "FRA"
    assert by_name["Norway"] == "NOR"
    assert by_name["United States of America"] == "USA"
    assert by_name["Turkey"] == "TUR"
    # Names the table does not know fall back to Natural Earth's own code, or none for "-99".
    assert by_name["Germany"] == "DEU"
    assert pd.isna(by_name["Kosovo"])


def test_round_colours_are_distinct_and_ordered_dark_to_light():
    colours = maps.round_colours(10)
    assert len(colours) == 11
    assert len(set(colours)) == 11
    assert colours[0] == to_hex("#440154")  # viridis starts dark purple


def test_map_classes_on_a_date():
    before = maps.map_classes("1952-02-17", **KW)
    after = maps.map_classes("1952-02-18", **KW).set_index("iso3")
    assert sorted(before["iso3"]) == ["DNK", "FRA", "NOR", "USA"]
    assert len(after) == 6
    palette = maps.round_colours(1)
    assert after.loc["FRA", "colour"] == palette[0]
    assert after.loc["TUR", "colour"] == palette[1]
    # A round keeps its colour whatever the date.
    assert set(before["colour"]) == {palette[0]}


def _facecolours(fig) -> set[str]:
    found = set()
    for ax in fig.axes:
        for collection in ax.collections:
            for colour in collection.get_facecolors():
                if colour[3] > 0:
                    found.add(to_hex(colour))
    return found


def _legend_labels(fig) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


def test_map_draws_rounds_legend_highlight_and_credit(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the map tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    fig = maps.accession_map(
        "1952-02-18", highlight=["grc"], aspirants=["UKR"], country_names=NAMES, source="Source: test.", **KW
    )
    palette = maps.round_colours(1)
    assert {palette[0], palette[1], maps.NON_MEMBER_COLOUR} <= _facecolours(fig)
    labels = _legend_labels(fig)
    assert labels[:2] == ["1949: 4 founders", "1952: Greece, Türkiye"]
    assert "not an Ally" in labels and "aspirant" in labels and "highlighted" in labels
    texts = [t.get_text() for t in fig.texts]
    assert any(maps.MAP_CREDIT in t and "Source: test." in t for t in texts)
    assert "18 February 1952" in fig.get_suptitle()
    assert len(plots.png_bytes(fig)) > 10_000


def test_map_legend_stops_at_as_of():
    fig = maps.accession_map("1950-01-01", country_names=NAMES, source="", **KW)
    labels = _legend_labels(fig)
    assert labels == ["1949: 4 founders", "not an Ally"]


def test_map_png_is_deterministic():
    first = plots.png_bytes(maps.accession_map("2000-01-01", country_names=NAMES, source="", **KW))
    second = plots.png_bytes(maps.accession_map("2000-01-01", country_names=NAMES, source="", **KW))
    assert first == second


def test_bad_as_of_names_the_parameter():
    with pytest.raises(ValueError, match="as_of: cannot read 'soon'"):
        maps.accession_map("soon", country_names=NAMES, **KW)


def test_every_ally_in_the_curated_data_has_a_shape(curated):
    shapes = maps.natural_earth_countries()
    classes = maps.map_classes()
    missing = set(classes["iso3"]) - set(shapes["iso3"].dropna())
    # Every one of the 32 Allies must be drawn (Natural Earth low-res has them all).
    assert missing == set()
    assert len(classes) == 32
