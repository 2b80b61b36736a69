"""Figures → SVG (HTML, PDF) and PNG (DOCX) with matplotlib, CJK text from the Noto CJK fonts.

Output is deterministic: no dates or random ids in the SVG, no software tag in the PNG; the text of an
SVG is drawn as paths so the file needs no font where it is viewed.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager

from ..document import Figure
from ..money import rounded

FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc")
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6")


@cache
def _font() -> str:
    """The CJK font family registered with matplotlib ('' when none is installed)."""
    for path in FONT_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return ""


def _share(part: Decimal, whole: Decimal) -> Decimal:
    """Rounded half-up like every percentage the text prints."""
    return rounded(part / whole * 100, 1)


def _draw(figure: Figure):
    family = _font()
    plt.rcParams.update({"font.family": [family, "sans-serif"] if family else ["sans-serif"],
                         "axes.unicode_minus": False, "svg.fonttype": "path", "svg.hashsalt": "juesuan"})
    fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=150)
    if figure.kind == "pie":
        amounts = figure.series[0][1]
        total = sum(amounts)
        wedges, _ = ax.pie([float(v) for v in amounts], startangle=90, counterclock=False,
                           colors=COLOURS[:len(amounts)], wedgeprops={"linewidth": 1, "edgecolor": "white"})
        ax.legend(wedges, [f"{c} {v:,.2f}{figure.unit}（{_share(v, total)}%）"
                           for c, v in zip(figure.categories, amounts)],
                  loc="center left", bbox_to_anchor=(1, 0.5), frameon=False, fontsize=9)
        ax.axis("equal")
    else:
        width = 0.8 / len(figure.series)
        for i, (name, values) in enumerate(figure.series):
            xs = [x + i * width for x in range(len(figure.categories))]
            bars = ax.bar(xs, [float(v) for v in values], width=width, label=name, color=COLOURS[i % len(COLOURS)])
            ax.bar_label(bars, labels=[f"{v:,.2f}" for v in values], fontsize=8)
        ax.set_xticks([x + width * (len(figure.series) - 1) / 2 for x in range(len(figure.categories))],
                      figure.categories)
        ax.set_ylabel(f"金额（{figure.unit}）")
        ax.legend(frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def figure_svg(figure: Figure) -> str:
    fig = _draw(figure)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = out.getvalue()
    return text[text.index("<svg"):]   # inline: no XML declaration or doctype


def figure_png(figure: Figure) -> bytes:
    fig = _draw(figure)
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()
