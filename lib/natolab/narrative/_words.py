"""How the sentence modules write days and counts, so every notebook words them alike."""

from __future__ import annotations

from natolab.metrics._dates import DateLike, to_timestamp


def day_label(day: DateLike) -> str:
    """'18 February 1952' (no leading zero, English month)."""
    stamp = to_timestamp(day, "date")
    return f"{stamp.day} {stamp:%B %Y}"


def plural(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, else ``many`` ('Ally was' / 'Allies were')."""
    return one if n == 1 else many


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 country', '3 countries' (``many`` defaults to ``one`` + 's')."""
    return f"{n} {plural(n, one, many or one + 's')}"
