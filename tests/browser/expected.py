"""What a committed notebook promises a reader will see once it has run in JupyterLab.

The expectations come from the committed notebook itself (its introduction and the
charts its committed run produced), never from the code under test.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import mistune


@dataclass(frozen=True)
class Expected:
    """The reader-visible facts of one committed notebook."""

    first_sentence: str
    chart_count: int  # image/png outputs in the committed run
    code_cell_count: int  # non-empty code cells (JupyterLab does not number empty ones)


def collapse_whitespace(text: str) -> str:
    """One space between words, as a rendered page reads."""
    return " ".join(text.split())


def _markdown_text(source: str) -> str:
    """The text of the first paragraph (else the first heading) as JupyterLab renders it."""
    rendered = mistune.html(source)
    block = re.search(r"<p>(.*?)</p>", rendered, re.DOTALL) or re.search(r"<h\d>(.*?)</h\d>", rendered, re.DOTALL)
    if block is None:
        return ""
    return collapse_whitespace(html.unescape(re.sub(r"<[^>]+>", "", block.group(1))))


def first_sentence(markdown_source: str) -> str:
    """The first sentence of the introduction's first paragraph, as plain rendered text.

    A sentence ends at ".", "!" or "?" followed by a capital, digit or the end ("e.g. in"
    does not end one). A too-early cut ("U.S. Allies") is harmless: the result is still
    a prefix of the rendered text.
    """
    text = _markdown_text(markdown_source)
    match = re.match(r"(.+?[.!?])(?=\s+[A-Z0-9\"“(]|$)", text)
    return match.group(1) if match else text


def expected_from(nb: dict) -> Expected:
    """Expectations for ``nb`` (nbformat 4 dict): introduction sentence, chart count, code cells."""
    markdown = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    charts = sum("image/png" in o.get("data", {}) for c in code for o in c.get("outputs", []))
    sentence = first_sentence("".join(markdown[0]["source"])) if markdown else ""
    return Expected(first_sentence=sentence, chart_count=charts, code_cell_count=len(code))
