"""Map of Europe and North America coloured by NATO accession round, drawn offline.

The shapes are Natural Earth's public-domain low-resolution countries, shipped
inside the pyogrio wheel as a test fixture, so nothing is downloaded. Natural Earth
gives France and Norway the ISO3 code "-99"; every shape is therefore matched by
its *name* through the ``country_names`` table, and by its code only as a fallback.
Resources come from one keyword-only ``data`` (:class:`~natolab.metrics.frames.Frames`;
``None`` = the bundled resources).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from natolab.countries import name as country_name
from natolab.dates import DateLike, to_timestamp
from natolab.metrics.frames import Frames
from natolab.metrics.membership import enlargement_rounds, members_on

__all__ = [
    "MAP_CREDIT",
    "NON_MEMBER_COLOUR",
    "ROUND_COLOURS",
    "accession_map",
    "map_classes",
    "natural_earth_countries",
    "natural_earth_path",
    "round_colours",
]

MAP_CREDIT = "Map: Natural Earth (public domain)"
NON_MEMBER_COLOUR = "#e4e4e4"
_EDGE = "#FFFFFF"
_HIGHLIGHT_EDGE = "#000000"
_METRES = "+datum=WGS84 +units=m +no_defs"
# Two panels, each a Lambert azimuthal equal-area projection centred on its region
# (PROJ strings need no network or grid files): North America would dwarf Europe on
# one shared map. Each panel is framed on the shapes it must show whole (the Allies'
# parts whose centroid lies in its lon/lat box, Greenland included), not on fixed
# metres: a frame in metres cropped Florida, California and Greenland. Hawaii lies
# south of the box and gets its own inset.
#   (title, projection, (lon_min, lon_max, lat_min, lat_max))
_PANELS = (
    ("North America", f"+proj=laea +lat_0=55 +lon_0=-95 {_METRES}", (-180.0, -10.0, 24.0, 90.0)),
    ("Europe", f"+proj=laea +lat_0=55 +lon_0=15 {_METRES}", (-32.0, 50.0, 30.0, 90.0)),
)
_HAWAII = ("Hawaii", f"+proj=laea +lat_0=20.5 +lon_0=-157 {_METRES}", (-180.0, -150.0, 15.0, 24.0))
#: Margin around a panel's shapes, as a share of their extent.
_MARGIN = 0.03

#: One qualitative colour per round (founders first), picked from the Okabe & Ito and
#: Paul Tol colour-blind-safe sets plus ColorBrewer's brown: under simulated protanopia,
#: deuteranopia and tritanopia (Machado et al. 2009) every pair of the eleven stays at least
#: 14 CIELAB units apart and every pair of rounds that share a border (founders–1955,
#: 1999–2004, 2004–2009, 2009–2017, 2023–2024, ...) at least 28, and each stands off the
#: light grey of non-members. Eleven classes cannot all be far apart for every reader:
#: the legend names each round, and the map's table lists every Ally with its round.
ROUND_COLOURS: tuple[str, ...] = (
    "#0072B2",  # 1949 founders: blue
    "#999933",  # 1952 Greece, Türkiye: olive
    "#88CCEE",  # 1955 Germany: cyan
    "#CC6677",  # 1982 Spain: rose
    "#882255",  # 1999 Czechia, Hungary, Poland: wine
    "#F0E442",  # 2004 seven countries: yellow
    "#CC79A7",  # 2009 Albania, Croatia: reddish purple
    "#225522",  # 2017 Montenegro: dark green
    "#332288",  # 2020 North Macedonia: indigo
    "#8C510A",  # 2023 Finland: brown
    "#E69F00",  # 2024 Sweden: orange
)
#: Further rounds, should the data ever hold them: more of Tol's colour-blind-safe set.
_EXTRA_COLOURS = ("#44AA99", "#AA4499", "#DDCC77", "#117733", "#D55E00")


def natural_earth_path() -> Path:
    """Path of the Natural Earth low-resolution countries shapefile shipped in pyogrio."""
    import pyogrio

    path = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: Natural Earth shapes not found in the installed pyogrio; install pyogrio 0.13 (see requirements)"
        )
    return path


def _resolver(data: Frames) -> Callable[[str], str | None]:
    """Natural Earth name → ISO3, or None if unknown.

    By default through :func:`natolab.countries.resolve` (the project's one name table);
    a ``country_names`` frame given by a test is used the same way.
    """
    from natolab import countries

    country_names = data.given("country_names")
    if country_names is None:
        return countries.lookup  # None for a shape of a country no dataset mentions (e.g. Kosovo)
    lookup = {
        countries.normalise_name(str(n)): str(c)
        for n, c in zip(country_names["name"], country_names["iso3"], strict=True)
    }
    return lambda name: lookup.get(countries.normalise_name(name))


def natural_earth_countries(*, data: Frames | None = None):  # -> geopandas.GeoDataFrame
    """Natural Earth countries with an ``iso3`` column resolved by name (Natural Earth's code as fallback)."""
    import geopandas

    shapes = geopandas.read_file(natural_earth_path())
    resolve = _resolver(data or Frames())
    codes = []
    for name, code in zip(shapes["name"], shapes["iso_a3"], strict=True):
        resolved = resolve(str(name))
        codes.append(resolved if resolved else (None if code == "-99" else str(code)))
    shapes["iso3"] = codes
    return shapes


def round_colours(n_rounds: int = 10) -> list[str]:
    """Colours for round 0 (founders) .. ``n_rounds``: a qualitative palette, one hue per round.

    Rounds are categories a reader matches to the legend, not amounts: a sequential map
    made 1949 and 1952, and 2009, 2017 and 2020, nearly the same colour. See
    :data:`ROUND_COLOURS` for how the colours were chosen.
    """
    palette = list(ROUND_COLOURS) + list(_EXTRA_COLOURS)
    if n_rounds + 1 > len(palette):
        raise ValueError(f"{n_rounds} enlargement rounds: the map has colours for {len(palette) - 1}; "
                         "add colours to natolab.maps._EXTRA_COLOURS")
    return [c.lower() for c in palette[: n_rounds + 1]]  # as matplotlib.colors.to_hex writes them


def map_classes(as_of: DateLike = None, *, data: Frames | None = None) -> pd.DataFrame:
    """The colour class of every Ally on ``as_of``: iso3, country, round_number, round_label, colour.

    Colours are fixed per round (founders always the darkest), whatever ``as_of``.
    """
    data = data or Frames()
    allies = members_on(as_of, data=data)
    palette = _palette(data)
    out = allies[["iso3", "country", "round_number", "enlargement_round"]].copy()
    out["round_number"] = out["round_number"].astype(int)
    out["colour"] = [palette[r] for r in out["round_number"]]
    return out.rename(columns={"enlargement_round": "round_label"}).reset_index(drop=True)


def _palette(data: Frames) -> list[str]:
    """One colour per round of the whole history, so a round keeps its colour on any date."""
    every = enlargement_rounds("2999-12-31", include_founders=True, data=data)
    return round_colours(int(every["round"].max()) if len(every) else 0)


def _legend_label(row: pd.Series) -> str:
    if int(row["round"]) == 0:
        return f"{row['year']}: {row['n_joined']} founders"
    joined = row["countries"] if row["n_joined"] <= 3 else f"{row['n_joined']} countries"
    return f"{row['year']}: {joined}"


def _in_box(geometry, box: tuple[float, float, float, float]):  # -> shapely geometry or None
    """The parts of ``geometry`` whose centroid lies in the lon/lat ``box``, or None."""
    from shapely.geometry import MultiPolygon

    lon0, lon1, lat0, lat1 = box
    parts = [p for p in getattr(geometry, "geoms", [geometry])
             if lon0 <= p.centroid.x <= lon1 and lat0 <= p.centroid.y <= lat1]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _frame(shapes, coloured, box, projection) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) in ``projection`` framing every coloured shape in ``box`` whole."""
    import geopandas

    parts = [g for g in (_in_box(geom, box) for geom in shapes.loc[coloured, "geometry"]) if g is not None]
    if not parts:
        return None
    x0, y0, x1, y1 = geopandas.GeoSeries(parts, crs=shapes.crs).to_crs(projection).total_bounds
    dx, dy = (x1 - x0) * _MARGIN, (y1 - y0) * _MARGIN
    return (x0 - dx, x1 + dx, y0 - dy, y1 + dy)


def _bare(ax) -> None:
    """A map axes: no ticks, grid, labels or spines."""
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


_REUNIFICATION = re.compile(r"reunification on (\d{1,2} \w+ \d{4})", re.IGNORECASE)


def _germany_note(day: pd.Timestamp, classes: pd.DataFrame, data: Frames) -> str:
    """What Germany's colour covers on the map, with the reunification day from the members data."""
    if "DEU" not in set(classes["iso3"]):
        return ""
    table = data["members"]
    notes = table.loc[table["iso3"].astype(str) == "DEU", "special_notes"] if "special_notes" in table else []
    found = next((m for m in (_REUNIFICATION.search(str(n)) for n in notes) if m), None)
    if found is None:
        return "Germany's colour covers the former GDR from reunification (1990)."
    when = pd.Timestamp(found.group(1))
    said = f"{when.day} {when:%B %Y}"
    if day < when:
        return (f"Germany's colour: on this date the Federal Republic (West Germany) only; the former GDR "
                f"became part of the Alliance with reunification on {said}.")
    return f"Germany's colour covers the former GDR from reunification on {said}."


def accession_map(
    as_of: DateLike = None,
    *,
    highlight: Iterable[str] = (),
    aspirants: Iterable[str] = (),
    source: str | None = None,
    data: Frames | None = None,
):  # -> matplotlib.figure.Figure
    """Europe and North America with every Ally on ``as_of`` coloured by its accession round.

    ``highlight`` (ISO3 codes) are outlined in black; ``aspirants`` are hatched grey.
    Non-members are light grey. Each panel is framed so its Allies (and Greenland) are
    whole; Hawaii is an inset. The legend names the rounds completed by ``as_of``; the
    footnote says what Germany's colour covers, credits Natural Earth and ``source``
    (default: the members dataset's source note). Returns a matplotlib Figure made by
    :func:`natolab.plots.figure`.
    """
    from natolab import plots

    day = to_timestamp(as_of, "as_of")
    highlight = [str(c).upper() for c in highlight]
    aspirants = [str(c).upper() for c in aspirants]
    data = data or Frames()
    classes = map_classes(day, data=data)
    shapes = natural_earth_countries(data=data)
    colour = dict(zip(classes["iso3"], classes["colour"], strict=True))
    shapes["colour"] = [colour.get(c, NON_MEMBER_COLOUR) for c in shapes["iso3"]]
    # Natural Earth draws Greenland apart from Denmark; the Kingdom's membership covers it
    # (members.csv special notes), so it takes Denmark's colour.
    if "DNK" in colour:
        shapes.loc[shapes["iso3"] == "GRL", "colour"] = colour["DNK"]
    layers = {
        "hatch": shapes["iso3"].isin(aspirants) & ~shapes["iso3"].isin(colour),
        "outline": shapes["iso3"].isin(highlight),
    }
    # Frame on every shape that can ever be an Ally (today's Allies and Greenland), so the
    # frame is the same on every date and the United States and Greenland are always whole.
    framed = shapes["iso3"].isin(set(members_on("2999-12-31", data=data)["iso3"])
                                 | {"GRL"})
    frames = [_frame(shapes, framed, box, projection) for _, projection, box in _PANELS]
    ratios = [(f[1] - f[0]) / (f[3] - f[2]) if f else 1.0 for f in frames]
    fig, axes = plots.figure(
        f"NATO Allies on {day.day} {day:%B %Y} by accession round",
        size=(12, 6.4),
        ncols=2,
    )
    axes[0].get_gridspec().set_width_ratios(ratios)
    for ax, (region, projection, _box), extent in zip(axes, _PANELS, frames, strict=True):
        _draw_layers(ax, shapes.to_crs(projection), layers)
        if extent is not None:
            ax.set_xlim(extent[0], extent[1])
            ax.set_ylim(extent[2], extent[3])
        _bare(ax)
        ax.set_title(region, loc="left", fontsize=10, color="#444444")
    _hawaii_inset(axes[0], shapes, layers)
    _legend(fig, day, classes, layers, data)

    if source is None:
        from natolab import data as datasets  # not `data`: that is the frames argument

        source = datasets.source_note("members")
    germany = _germany_note(day, classes, data)
    note = f"{MAP_CREDIT}; present-day borders; Greenland shown with Denmark. {germany} {source}"
    plots.footnote(fig, " ".join(note.split()))
    return plots.set_alt(fig, _map_description(fig.get_suptitle(), day, classes, shapes, layers))


def _map_description(title: str, day: pd.Timestamp, classes: pd.DataFrame, shapes, layers: dict[str, pd.Series]) -> str:
    """What the accession map shows, in words from its data: Allies, rounds, highlighted and aspirants."""
    rounds = int(classes.loc[classes["round_number"] > 0, "round_number"].nunique())
    founders = int((classes["round_number"] == 0).sum())
    text = (f"Map: {title}. {len(classes)} Allies on {day.day} {day:%B %Y}: {founders} founders and "
            f"{rounds} enlargement round{'s' if rounds != 1 else ''}")
    if rounds:
        latest = classes.loc[classes["round_number"] == classes["round_number"].max()]
        text += f" (latest: {latest['round_label'].iloc[0]}, {', '.join(country_name(c) for c in latest['iso3'])})"
    text += "."
    for layer, words in (("outline", "Highlighted"), ("hatch", "Aspirants (hatched)")):
        # Named as the countries table names them, not as the map shapes spell them ("Macedonia").
        names = sorted(dict.fromkeys(country_name(c) for c in shapes.loc[layers[layer], "iso3"].astype(str)))
        if names:
            text += f" {words}: {', '.join(names)}."
    return text


def _draw_layers(ax, projected, layers: dict[str, pd.Series]) -> None:
    """Countries in their colours, then hatched aspirants, then highlighted outlines."""
    projected.plot(ax=ax, color=projected["colour"], edgecolor=_EDGE, linewidth=0.4)
    if layers["hatch"].any():
        projected.loc[layers["hatch"]].plot(ax=ax, facecolor="none", edgecolor="#777777", hatch="////",
                                            linewidth=0.4)
    if layers["outline"].any():
        projected.loc[layers["outline"]].plot(ax=ax, facecolor="none", edgecolor=_HIGHLIGHT_EDGE, linewidth=1.4)


def _hawaii_inset(ax, shapes, layers: dict[str, pd.Series]) -> None:
    """Hawaii in a small frame at the lower left of the North America panel (open Pacific)."""
    name, projection, box = _HAWAII
    usa = shapes["iso3"] == "USA"
    islands = shapes.loc[usa].copy()
    islands["geometry"] = [_in_box(g, box) for g in islands.geometry]
    islands = islands.loc[islands.geometry.notna()]
    if islands.empty:
        return
    inset = ax.inset_axes((0.0, 0.0, 0.2, 0.14))
    projected = islands.to_crs(projection)
    _draw_layers(inset, projected, {k: v.loc[islands.index] for k, v in layers.items()})
    x0, y0, x1, y1 = projected.total_bounds
    pad = 0.08 * (x1 - x0)
    inset.set_xlim(x0 - pad, x1 + pad)
    inset.set_ylim(y0 - pad, y1 + pad)
    _bare(inset)
    inset.patch.set_visible(False)
    for spine in inset.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor("#BBBBBB")
        spine.set_linewidth(0.6)
    inset.set_title(name, loc="left", fontsize=8, color="#444444", pad=2)


def _legend(fig, day: pd.Timestamp, classes: pd.DataFrame, layers: dict[str, pd.Series], data: Frames) -> None:
    """One entry per round completed by ``day`` (its year and who joined), then the other keys."""
    from matplotlib.patches import Patch

    rounds = enlargement_rounds(day, include_founders=True, data=data)
    palette = _palette(data)
    handles = [
        Patch(facecolor=palette[int(r["round"])], edgecolor="none", label=_legend_label(r))
        for _, r in rounds.iterrows()
    ]
    handles.append(Patch(facecolor=NON_MEMBER_COLOUR, edgecolor="none", label="not an Ally"))
    if layers["hatch"].any():
        handles.append(Patch(facecolor="none", edgecolor="#777777", hatch="////", label="aspirant"))
    if layers["outline"].any():
        handles.append(Patch(facecolor="none", edgecolor=_HIGHLIGHT_EDGE, linewidth=1.4, label="highlighted"))
    fig.legend(
        handles=handles,
        loc="outside right center",
        fontsize=8.5,
        title=f"{len(classes)} Allies, by round",
        title_fontsize=9,
    )
