"""Tests for natolab.maps: shapes resolved offline by name, colours per round, legend and credit."""

from __future__ import annotations

import itertools
import socket

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex, to_rgb

from natolab import maps, plots
from natolab.metrics import Frames

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
KW = {"data": Frames(members=MEMBERS, countries=COUNTRIES)}


def _with(**frames: pd.DataFrame) -> Frames:
    """The frames of ``KW`` and ``frames`` in one object."""
    return Frames(members=MEMBERS, countries=COUNTRIES, **frames)


@pytest.fixture(scope="module")
def shapes():
    return maps.natural_earth_countries(data=Frames(country_names=NAMES))


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


# Machado, Oliveira & Fernandes (2009), severity 1: simulated protanopia, deuteranopia and
# tritanopia, applied to linear RGB.
_CVD = {
    "normal": np.eye(3),
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}


def _lab(colour: str, vision: str) -> np.ndarray:
    """CIELAB (D65) of ``colour`` as seen with ``vision``."""
    srgb = np.asarray(to_rgb(colour))
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(_CVD[vision] @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _worst_distance(a: str, b: str) -> float:
    """The smallest CIELAB distance between two colours over normal and the three dichromacies."""
    return min(float(np.linalg.norm(_lab(a, v) - _lab(b, v))) for v in _CVD)


def test_round_colours_are_qualitative_and_apart_for_colour_blind_readers():
    colours = maps.round_colours(10)
    assert len(colours) == 11
    assert len(set(colours)) == 11
    assert colours[0] == to_hex("#0072B2")  # founders: Okabe-Ito blue
    # The complaint: 1949/1952 and 2009/2017/2020 looked alike in viridis. Montenegro (2017)
    # and North Macedonia (2020) share no border; only under tritanopia do they come closer.
    for a, b in ((0, 1), (6, 7), (7, 8), (6, 8)):
        assert _worst_distance(colours[a], colours[b]) > 20, (a, b)
    assert min(_worst_distance(a, b) for a, b in itertools.combinations(colours, 2)) > 14
    # Rounds that share a border: founders-1955, 1999-2004, 2004-2009, 2009-2017, 2023-2024, 1952-2004.
    for a, b in ((0, 2), (4, 5), (5, 6), (6, 7), (9, 10), (1, 5), (1, 8), (6, 8)):
        assert _worst_distance(colours[a], colours[b]) > 28, (a, b)
    assert min(_worst_distance(c, maps.NON_MEMBER_COLOUR) for c in colours) > 18
    with pytest.raises(ValueError, match="colours"):
        maps.round_colours(40)


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
        "1952-02-18", highlight=["grc"], aspirants=["UKR"], data=_with(country_names=NAMES), source="Source: test."
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
    fig = maps.accession_map("1950-01-01", data=_with(country_names=NAMES), source="")
    labels = _legend_labels(fig)
    assert labels == ["1949: 4 founders", "not an Ally"]


@pytest.mark.slow
def test_map_png_is_deterministic():
    first = plots.png_bytes(maps.accession_map("2000-01-01", data=_with(country_names=NAMES), source=""))
    second = plots.png_bytes(maps.accession_map("2000-01-01", data=_with(country_names=NAMES), source=""))
    assert first == second


def test_bad_as_of_names_the_parameter():
    with pytest.raises(ValueError, match="as_of: cannot read 'soon'"):
        maps.accession_map("soon", data=_with(country_names=NAMES))


def test_every_ally_in_the_curated_data_has_a_shape(curated):
    shapes = maps.natural_earth_countries()
    classes = maps.map_classes()
    missing = set(classes["iso3"]) - set(shapes["iso3"].dropna())
    # Every one of the 32 Allies must be drawn (Natural Earth low-res has them all).
    assert missing == set()
    assert len(classes) == 32


def _projected_bounds(shapes, iso3: str, projection: str, keep) -> tuple[float, float, float, float]:
    geometry = shapes.loc[shapes["iso3"] == iso3].geometry.iloc[0]
    parts = [p for p in getattr(geometry, "geoms", [geometry]) if keep(p)]
    return tuple(type(shapes.geometry)(parts, crs=shapes.crs).to_crs(projection).total_bounds)


def test_the_united_states_and_greenland_are_whole_and_hawaii_has_an_inset(curated):
    fig = maps.accession_map("2024-03-07", highlight=["BEL"])
    america, europe = fig.axes[:2]
    shapes = maps.natural_earth_countries()
    projection = maps._PANELS[0][1]
    not_hawaii = lambda p: p.centroid.y > 24  # noqa: E731
    for iso3 in ("USA", "CAN", "GRL"):  # contiguous states and Alaska, Canada, Greenland
        x0, y0, x1, y1 = _projected_bounds(shapes, iso3, projection, not_hawaii)
        (left, right), (bottom, top) = america.get_xlim(), america.get_ylim()
        assert left <= x0 and x1 <= right and bottom <= y0 and y1 <= top, iso3
    x0, y0, x1, y1 = _projected_bounds(shapes, "TUR", maps._PANELS[1][1], lambda p: True)
    assert europe.get_xlim()[1] >= x1 and europe.get_ylim()[0] <= y0
    insets = america.child_axes
    assert [ax.get_title(loc="left") for ax in insets] == ["Hawaii"]
    assert plots.layout_problems(fig) == []


def test_the_footnote_says_what_germanys_colour_covers(curated):
    today = " ".join(t.get_text() for t in maps.accession_map("2024-03-07").texts).replace("\n", " ")
    assert "Germany's colour covers the former GDR from reunification on 3 October 1990" in today
    divided = " ".join(t.get_text() for t in maps.accession_map("1960-01-01").texts).replace("\n", " ")
    assert "the Federal Republic (West Germany) only" in divided
    before = " ".join(t.get_text() for t in maps.accession_map("1950-01-01").texts)
    assert "GDR" not in before  # Germany not yet an Ally: nothing to say


def test_the_legend_names_every_round(curated):
    fig = maps.accession_map("2024-03-07")
    labels = _legend_labels(fig)
    assert labels[:5] == ["1949: 12 founders", "1952: Greece, Türkiye", "1955: Germany", "1982: Spain",
                          "1999: Czechia, Hungary, Poland"]
    assert len([label for label in labels if label[:4].isdigit()]) == 11  # founders and ten rounds


def test_map_describes_itself_from_its_data():
    fig = maps.accession_map("1952-02-18", highlight=["GRC"], aspirants=["UKR"], data=_with(country_names=NAMES), source="")
    text = plots.alt_text(fig)
    assert not text.startswith("Chart:")
    assert "6 Allies on 18 February 1952: 4 founders and 1 enlargement round" in text
    assert "Highlighted: Greece." in text and "Aspirants (hatched): Ukraine." in text
