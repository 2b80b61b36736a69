"""Batches at scale (issue 23.8): work scheduled as the window moves, findings streamed to a file as
documents finish, an interrupted batch resumed, the corpus readable during ingest and the same report
in other bytes stored once. Time and memory at 1,000 and 10,000 documents: bench/scale.py."""

import json
import shutil
import signal
import subprocess
import sys
import time

from conftest import CORPUS
from typer.testing import CliRunner

from juesuan.batch import ingest
from juesuan.cli import app
from juesuan.executors import WINDOW, run_all

runner = CliRunner()
TEXTS = sorted((CORPUS / "text").glob("shanghai-putuo-*.txt"))


def _folder(tmp_path, copies: int):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(copies):
        source = TEXTS[i % len(TEXTS)]
        shutil.copy(source, folder / f"{i:03d}-{source.name}")
    return folder


def test_work_is_scheduled_as_results_come_back_not_all_at_once():
    """Every document was scheduled up front, and each finished result kept until the end: memory grew
    with the batch (46 KB a document for check, 230–280 KB for ingest)."""
    pulled = []

    def arguments():
        for i in range(200):
            pulled.append(i)
            yield (i,)

    results = run_all(abs, arguments(), jobs=1)
    first = next(results)
    assert len(pulled) <= WINDOW + 1 and first[2] is None
    rest = list(results)
    assert sorted(i for i, _, _ in [first, *rest]) == list(range(200)) and len(pulled) == 200


def test_a_jsonl_batch_is_written_as_it_goes_and_resumes_where_it_stopped(tmp_path):
    folder = _folder(tmp_path, 4)
    out = tmp_path / "out" / "all.jsonl"
    whole = runner.invoke(app, ["check", str(folder), "--format", "jsonl", "-o", str(out)])
    assert whole.exit_code == 1 and not out.with_name("all.jsonl.partial").exists()
    lines = out.read_bytes().splitlines(keepends=True)
    assert sorted(json.loads(line)["file"] for line in lines) == sorted(p.name for p in folder.iterdir())
    # as an interruption leaves it: two documents done, the third cut off mid-line
    out.with_name("all.jsonl.partial").write_bytes(lines[0] + lines[1] + lines[2][:100])
    out.unlink()
    resumed = runner.invoke(app, ["check", str(folder), "--format", "jsonl", "-o", str(out), "--resume"])
    assert "已审核 2 份，还有 2 份" in resumed.output and resumed.exit_code == 1
    again = [json.loads(line) for line in out.read_bytes().splitlines()]
    assert sorted(d["file"] for d in again) == sorted(p.name for p in folder.iterdir())
    assert sum(d["errors"] for d in again) == sum(json.loads(line)["errors"] for line in lines)
    assert "合计" in resumed.output


def test_resume_needs_a_jsonl_file():
    result = runner.invoke(app, ["check", str(CORPUS / "text"), "--format", "csv", "-o", "/tmp/x.csv", "--resume"])
    assert result.exit_code == 2 and "--format jsonl" in result.output


def test_a_csv_batch_streams_one_header_and_every_finding(tmp_path):
    folder = _folder(tmp_path, 3)
    out = tmp_path / "all.csv"
    result = runner.invoke(app, ["check", str(folder), "--format", "csv", "-o", str(out)])
    text = out.read_text(encoding="utf-8-sig")
    assert result.exit_code == 1 and text.count("file,page,line,rule") == 1
    runner.invoke(app, ["check", str(folder), "--format", "json", "-o", str(tmp_path / "all.json")])
    per_document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(text.strip().splitlines()) - 1 == sum(len(d["findings"]) for d in per_document["documents"])


def test_an_interrupted_jsonl_batch_keeps_what_it_finished_for_resume(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        shutil.copy(CORPUS / "seeds" / "000_105574f5e848fce4.txt", folder / f"r{i:02d}.txt")
    out = tmp_path / "all.jsonl"
    partial = tmp_path / "all.jsonl.partial"
    run = subprocess.Popen([sys.executable, "-m", "juesuan.cli", "check", str(folder), "-j", "1", "--format",
                            "jsonl", "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not partial.exists() or partial.read_bytes().count(b"\n") < 2):
        time.sleep(0.2)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=30)
    assert run.returncode == 130 and not out.exists()
    assert "--resume" in stderr.decode("utf-8")
    done = [json.loads(line)["file"] for line in partial.read_bytes().splitlines()]
    assert 2 <= len(done) < 60


def test_the_corpus_can_be_read_while_ingest_runs(tmp_path):
    """`compare`/`sql` met DuckDB's lock for the whole of an ingest; now the writer lets go between batches."""
    db = tmp_path / "corpus.duckdb"
    reads = []

    def read(_path):
        found = subprocess.run([sys.executable, "-m", "juesuan.cli", "sql", "SELECT count(*) FROM documents",
                                "--db", str(db)], capture_output=True, text=True, timeout=60)
        reads.append(found.returncode)

    result = ingest(TEXTS, db, on_done=read)
    assert len(result.added) == len(TEXTS) and reads == [0] * len(TEXTS)


def test_the_same_report_in_other_bytes_is_stored_once(tmp_path):
    """Duplicates were found by identical bytes only: a re-saved copy counted twice in every total."""
    original = TEXTS[0]
    copy = tmp_path / "copy-with-windows-line-ends.txt"
    copy.write_bytes(original.read_bytes().replace(b"\n", b"\r\n"))
    db = tmp_path / "corpus.duckdb"
    result = ingest([original, copy], db)
    assert result.added == [str(original)] and result.duplicates == [(str(copy), original.name)]
    shown = runner.invoke(app, ["ingest", str(copy), "--db", str(db)])
    assert "与已入库的" in shown.output and "内容相同" in shown.output and shown.exit_code == 0
