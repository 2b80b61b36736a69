"""A tightly set PDF like the real Shanghai district report that lost lines to loose character boxes:
used by the line-grouping and fidelity tests."""

import subprocess
from pathlib import Path


def _font(collection: str, family: str, text: str, ascent: int, descent: int, target: Path) -> Path:
    """A subset of a system CJK font with the vertical metrics given (0, 0: none, as the comma's font
    in that report had)."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    path = subprocess.run(["fc-match", "-f", "%{file}", collection], capture_output=True, text=True).stdout
    fonts = TTCollection(path).fonts
    font = next(f for f in fonts if f["name"].getDebugName(1) == family)
    options = subset.Options()
    options.layout_features, options.name_IDs = [], ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font["hhea"].ascent, font["hhea"].descent = ascent, descent
    metrics = font["OS/2"]
    metrics.sTypoAscender, metrics.sTypoDescender = ascent, descent
    metrics.usWinAscent, metrics.usWinDescent = max(ascent, 0), max(-descent, 0)
    font.save(target)
    return target


def tight_report_pdf(folder: Path, lines: tuple[str, ...]) -> Path:
    """A PDF made by a real engine with the geometry of that report: WeasyPrint, 12 pt CJK text on a
    14 pt pitch in a font whose ascent and descent span 22 pt, the commas in a font without vertical
    metrics; ``lines`` three times over."""
    from weasyprint import HTML

    text = "".join(lines)
    tall = _font("Noto Sans CJK SC", "Noto Sans CJK SC", text, 1500, -330, folder / "tall.otf")
    flat = _font("Noto Serif CJK SC", "Noto Serif CJK SC", "，", 0, 0, folder / "flat.otf")
    body = "".join(lines * 3).replace("，", '<span class="p">，</span>')
    html = f"""<html><head><style>
      @font-face {{ font-family: Tall; src: url({tall.as_uri()}) }}
      @font-face {{ font-family: Flat; src: url({flat.as_uri()}) }}
      @page {{ size: A4; margin: 2cm }}
      body {{ font-family: Tall; font-size: 12pt; line-height: 14pt }}
      .p {{ font-family: Flat; line-height: 0 }}
    </style></head><body><p>{body}</p></body></html>"""
    target = folder / "tight.pdf"
    HTML(string=html).write_pdf(target)
    return target
