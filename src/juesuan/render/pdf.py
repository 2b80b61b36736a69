"""The report's HTML printed to PDF by WeasyPrint: A4, page numbers, CJK fonts embedded and subset.

Apart from html.py so that a build can load the engine (a third of a second: WeasyPrint's C
bindings) in a side process while the HTML is still being made."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path


def write_pdf(html: str, path) -> None:
    """The HTML printed to PDF; the same HTML gives the same bytes."""
    with _collector_paused():
        engine()(string=html).write_pdf(path, pdf_identifier=b"juesuan", uncompressed_pdf=False)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused, and afterwards run over what was made meanwhile only.

    WeasyPrint makes some million short-lived objects for a report; collecting as it went took a
    fifth of the PDF's time. The objects alive before are frozen (left out of the collection after),
    unless somebody else froze objects already."""
    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()
        if not frozen:
            gc.unfreeze()


def loaded() -> bool:
    """Whether this process has loaded the engine already (a fork made now would inherit it)."""
    return engine.cache_info().currsize > 0


@cache
def engine():
    """WeasyPrint's HTML with a leaner user-agent stylesheet, for the same pages in less time.

    The stock sheet gives every element a ::marker and five footnote/note pseudo-elements; a report
    has some 3,400 elements, no footnotes and lists only in the 目录, so styling those ~20,000
    pseudo-elements took a fifth of the PDF time. Here markers are for li only and the note rules
    are gone. Should WeasyPrint rename the hook, its own sheet is used: slower, same pages."""
    import weasyprint  # imported here: loading pango takes a moment
    from weasyprint.html import UA_COUNTER_STYLE

    stock = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text(encoding="utf-8")
    lean = re.sub(r"^::(footnote|note)-[a-z]+ \{[^}]*\}\n", "", stock.replace("\n::marker {", "\nli::marker {"),
                  flags=re.MULTILINE)
    sheet = weasyprint.CSS(string=lean, counter_style=UA_COUNTER_STYLE)

    class LeanHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet]

    return LeanHTML
