"""A batch's findings written as each document finishes, and what the terminal keeps of them.

The stream goes to ``<output>.partial`` and takes the output's name when the batch ends, so the file
the user asked for is whole or absent. A JSON Lines stream is also the journal ``check --resume``
reads: an interrupted batch keeps its ``.partial`` file, whose complete lines are the documents done.
"""

from __future__ import annotations

import heapq
import json
import os
from pathlib import Path

from ..findings import DocumentResult
from ..render.formats import FindingsFormat

SUMMARY_ROWS = 50     # documents listed on the terminal when the findings go to a file


class Tally:
    """Totals of a batch and its ``SUMMARY_ROWS`` worst documents (most errors, then warnings): what
    the summary table shows, in memory that does not grow with the batch."""

    def __init__(self) -> None:
        self.documents = 0
        self.totals = [0, 0, 0, 0.0]     # errors, warnings, infos, seconds
        self.worst: list[tuple] = []

    def add(self, row: dict) -> None:
        self.documents += 1
        for i, key in enumerate(("errors", "warnings", "infos", "seconds")):
            self.totals[i] += row[key]
        rank = (bool(row.get("failure")), row["errors"], row["warnings"], -self.documents)
        item = (rank, self.documents, row)
        if len(self.worst) < SUMMARY_ROWS:
            heapq.heappush(self.worst, item)
        else:
            heapq.heappushpop(self.worst, item)

    def rows(self) -> list[dict]:
        """The kept rows, worst first."""
        return [row for _, _, row in sorted(self.worst, reverse=True)]


class Stream:
    """Documents appended to ``<output>.partial`` as they finish (flushed each time)."""

    def __init__(self, output: Path, kind: FindingsFormat, resume: bool = False):
        self.output, self.kind = Path(output), kind
        self.partial = self.output.with_name(self.output.name + ".partial")
        self.done: dict[str, dict] = self._read() if resume else {}
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.partial.open("ab" if self.done else "wb")
        if not self.done:
            self.handle.write(kind.head())

    def _read(self) -> dict[str, dict]:
        """The summary rows of the documents a previous run finished; a line cut off by the interruption
        is dropped from the file."""
        if not self.partial.exists():
            return {}
        done, kept = {}, 0
        with self.partial.open("rb") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except ValueError:
                    break
                if not line.endswith(b"\n"):
                    break
                kept += len(line)
                row.pop("findings", None)
                done[row["file"]] = row
        os.truncate(self.partial, kept)
        return done

    def write(self, document: DocumentResult) -> None:
        self.handle.write(self.kind.each(document))
        self.handle.flush()

    def finish(self) -> None:
        """The stream becomes the output file."""
        self.handle.close()
        os.replace(self.partial, self.output)

    def abandon(self) -> None:
        """The batch stopped: a JSON Lines journal stays for --resume, anything else is removed."""
        self.handle.close()
        if self.kind.name != "jsonl":
            self.partial.unlink(missing_ok=True)
