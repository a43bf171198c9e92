"""Map of Europe and North America coloured by NATO accession round, drawn offline.

The shapes are Natural Earth's public-domain low-resolution countries, shipped
inside the pyogrio wheel as a test fixture, so nothing is downloaded. Natural Earth
gives France and Norway the ISO3 code "-99"; every shape is therefore matched by
its *name* through the ``country_names`` table, and by its code only as a fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from natolab.metrics._dates import DateLike, to_timestamp
from natolab.metrics.membership import enlargement_rounds, members_on

__all__ = [
    "MAP_CREDIT",
    "NON_MEMBER_COLOUR",
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
# Two panels, each a Lambert azimuthal equal-area projection centred on its region
# (PROJ strings need no network or grid files): North America would dwarf Europe on
# one shared map. Extents are in projected metres (x0, x1, y0, y1).
_PANELS = (
    ("North America", "+proj=laea +lat_0=55 +lon_0=-80 +datum=WGS84 +units=m +no_defs", (-3.3e6, 3.9e6, -3.0e6, 3.3e6)),
    ("Europe", "+proj=laea +lat_0=52 +lon_0=15 +datum=WGS84 +units=m +no_defs", (-3.0e6, 2.7e6, -2.2e6, 2.6e6)),
)


def natural_earth_path() -> Path:
    """Path of the Natural Earth low-resolution countries shapefile shipped in pyogrio."""
    import pyogrio

    path = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: Natural Earth shapes not found in the installed pyogrio; install pyogrio 0.13 (see requirements)"
        )
    return path


def _resolver(country_names: pd.DataFrame | None) -> Callable[[str], str | None]:
    """Natural Earth name → ISO3, or None if unknown.

    By default through :func:`natolab.countries.resolve` (the project's one name table);
    a ``country_names`` frame given by a test is used the same way.
    """
    from natolab import countries

    if country_names is None:

        def resolve(name: str) -> str | None:
            try:
                return countries.resolve(name)
            except ValueError:  # a shape of a country no dataset mentions (e.g. Kosovo)
                return None

        return resolve
    lookup = {
        countries.normalise_name(str(n)): str(c)
        for n, c in zip(country_names["name"], country_names["iso3"], strict=True)
    }
    return lambda name: lookup.get(countries.normalise_name(name))


def natural_earth_countries(*, country_names: pd.DataFrame | None = None):  # -> geopandas.GeoDataFrame
    """Natural Earth countries with an ``iso3`` column resolved by name (Natural Earth's code as fallback)."""
    import geopandas

    shapes = geopandas.read_file(natural_earth_path())
    resolve = _resolver(country_names)
    codes = []
    for name, code in zip(shapes["name"], shapes["iso_a3"], strict=True):
        resolved = resolve(str(name))
        codes.append(resolved if resolved else (None if code == "-99" else str(code)))
    shapes["iso3"] = codes
    return shapes


def round_colours(n_rounds: int = 10) -> list[str]:
    """Colours for round 0 (founders) .. ``n_rounds``: viridis, dark (early) to light (late).

    viridis is a perceptually uniform sequential map that stays ordered for the
    common colour-vision deficiencies; rounds are a sequence in time, so a
    sequential map fits, and its hue changes keep eleven classes apart.
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["viridis"]
    return [to_hex(cmap(i / max(n_rounds, 1))) for i in range(n_rounds + 1)]


def map_classes(
    as_of: DateLike = None,
    *,
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The colour class of every Ally on ``as_of``: iso3, country, round_number, round_label, colour.

    Colours are fixed per round (founders always the darkest), whatever ``as_of``.
    """
    allies = members_on(as_of, members=members, countries=countries)
    palette = _palette(members, countries)
    out = allies[["iso3", "country", "round_number", "enlargement_round"]].copy()
    out["round_number"] = out["round_number"].astype(int)
    out["colour"] = [palette[r] for r in out["round_number"]]
    return out.rename(columns={"enlargement_round": "round_label"}).reset_index(drop=True)


def _palette(members: pd.DataFrame | None, countries: pd.DataFrame | None) -> list[str]:
    """One colour per round of the whole history, so a round keeps its colour on any date."""
    every = enlargement_rounds("2999-12-31", include_founders=True, members=members, countries=countries)
    return round_colours(int(every["round"].max()) if len(every) else 0)


def _legend_label(row: pd.Series) -> str:
    if int(row["round"]) == 0:
        return f"{row['year']}: {row['n_joined']} founders"
    joined = row["countries"] if row["n_joined"] <= 2 else f"{row['n_joined']} countries"
    return f"{row['year']}: {joined}"


def accession_map(
    as_of: DateLike = None,
    *,
    highlight: Iterable[str] = (),
    aspirants: Iterable[str] = (),
    members: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    country_names: pd.DataFrame | None = None,
    source: str | None = None,
):  # -> matplotlib.figure.Figure
    """Europe and North America with every Ally on ``as_of`` coloured by its accession round.

    ``highlight`` (ISO3 codes) are outlined in black; ``aspirants`` are hatched grey.
    Non-members are light grey. The legend lists the rounds completed by ``as_of``;
    the footnote credits Natural Earth and ``source`` (default: the members dataset's
    source note). Returns a matplotlib Figure made by :func:`natolab.plots.figure`.
    """
    from matplotlib.patches import Patch

    from natolab import plots

    day = to_timestamp(as_of, "as_of")
    highlight = [str(c).upper() for c in highlight]
    aspirants = [str(c).upper() for c in aspirants]
    classes = map_classes(day, members=members, countries=countries)
    fig, axes = plots.figure(
        f"NATO Allies on {day.day} {day:%B %Y} by accession round",
        size=(11, 5.4),
        ncols=2,
    )
    shapes = natural_earth_countries(country_names=country_names)
    colour = dict(zip(classes["iso3"], classes["colour"], strict=True))
    shapes["colour"] = [colour.get(c, NON_MEMBER_COLOUR) for c in shapes["iso3"]]
    # Natural Earth draws Greenland apart from Denmark; the Kingdom's membership covers it
    # (members.csv special notes), so it takes Denmark's colour.
    if "DNK" in colour:
        shapes.loc[shapes["iso3"] == "GRL", "colour"] = colour["DNK"]
    hatch_mask = shapes["iso3"].isin(aspirants) & ~shapes["iso3"].isin(colour)
    outline_mask = shapes["iso3"].isin(highlight)
    for ax, (region, projection, extent) in zip(axes, _PANELS, strict=True):
        projected = shapes.to_crs(projection)
        projected.plot(ax=ax, color=projected["colour"], edgecolor=_EDGE, linewidth=0.4)
        if hatch_mask.any():
            projected.loc[hatch_mask].plot(ax=ax, facecolor="none", edgecolor="#777777", hatch="////", linewidth=0.4)
        if outline_mask.any():
            projected.loc[outline_mask].plot(ax=ax, facecolor="none", edgecolor=_HIGHLIGHT_EDGE, linewidth=1.4)
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.grid(False)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(region, loc="left", fontsize=10, color="#444444")

    rounds = enlargement_rounds(day, include_founders=True, members=members, countries=countries)
    palette = _palette(members, countries)
    handles = [
        Patch(facecolor=palette[int(r["round"])], edgecolor="none", label=_legend_label(r))
        for _, r in rounds.iterrows()
    ]
    handles.append(Patch(facecolor=NON_MEMBER_COLOUR, edgecolor="none", label="not an Ally"))
    if hatch_mask.any():
        handles.append(Patch(facecolor="none", edgecolor="#777777", hatch="////", label="aspirant"))
    if outline_mask.any():
        handles.append(Patch(facecolor="none", edgecolor=_HIGHLIGHT_EDGE, linewidth=1.4, label="highlighted"))
    fig.legend(
        handles=handles,
        loc="outside right center",
        fontsize=8.5,
        title=f"{len(classes)} Allies, by round",
        title_fontsize=9,
    )

    if source is None:
        from natolab import data

        source = data.source_note("members")
    note = f"{MAP_CREDIT}; present-day borders; Greenland shown with Denmark. {source}".strip()
    plots.footnote(fig, note)
    return fig
