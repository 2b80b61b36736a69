"""The corpus: ingest of the corpus and the example, idempotence, atomicity, year matching across a
catalogue change, peers, the observed catalogue, exports (validated by frictionless) and SQL."""

from decimal import Decimal

import pytest
from conftest import CORPUS, EXAMPLE
from typer.testing import CliRunner

from juesuan import api
from juesuan.batch import INGEST_SUFFIXES, ingest
from juesuan.batch import collect as collect_files
from juesuan.cli import app
from juesuan.parse import read_document
from juesuan.store import compare, export
from juesuan.store import ingest as ingest_module
from juesuan.store.ingest import store
from juesuan.store.records import Records
from juesuan.store.schema import DOCUMENT_COLUMNS, connect

SOURCES = [CORPUS / "pdf", CORPUS / "text", EXAMPLE]
runner = CliRunner()


def collect(sources):
    return collect_files(sources, INGEST_SUFFIXES)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    result = ingest(collect(SOURCES), db, jobs=2)
    assert not result.failed and len(result.added) == 6
    return db


def _stored(con, source: str) -> dict[tuple, Decimal]:
    document_id = con.execute("SELECT id FROM documents WHERE source = ?", [source]).fetchone()[0]
    rows = con.execute("SELECT table_key, side, row_key, column_key, amount FROM amounts WHERE document_id = ? "
                       "AND table_key NOT IN ('stated', 'report')", [document_id]).fetchall()   # the printed cells
    return {tuple(r[:4]): r[4] for r in rows}


@pytest.mark.parametrize("path", sorted([*(CORPUS / "pdf").glob("*.pdf"), *(CORPUS / "text").glob("*.txt")]),
                         ids=lambda p: p.name)
def test_the_corpus_holds_every_printed_amount_of_each_report(corpus, path):
    doc = read_document(path)
    expected = {(t.key, b.title, r.key, c.key): v for t in doc.tables for b in t.blocks for r in b.rows
                for c, v in zip(b.columns, r.cells) if v is not None}
    con = connect(corpus, read_only=True)
    stored = _stored(con, path.name)
    initial = con.execute("SELECT count(*) FROM amounts a JOIN documents d ON d.id = a.document_id WHERE d.source = ? "
                          "AND table_key = 'report' AND column_key = 'budget_initial'", [path.name]).fetchone()[0]
    con.close()
    assert stored == expected
    assert initial == len({ln.code for ln in api.parse(path).report.lines if ln.budget_initial is not None})
    con = connect(corpus, read_only=True)
    total = con.execute("SELECT sum(amount) FROM amounts a JOIN documents d ON d.id = a.document_id "
                        "WHERE d.source = ? AND table_key = 'expenditure' AND row_level = '项' AND column_key = "
                        "'total'", [path.name]).fetchone()[0]
    assert abs(total - doc.table("expenditure").value("total", "total")) <= Decimal("0.05")


def test_the_example_is_stored_from_its_data(corpus, example_tables):
    con = connect(corpus, read_only=True)
    stored = _stored(con, "data.xlsx")
    assert stored[("expenditure", "", "total", "total")] == example_tables["expenditure"].value("total", "total")
    origin, level, region = con.execute("SELECT origin, level, region FROM documents WHERE source = 'data.xlsx'"
                                        ).fetchone()
    assert (origin, level, region) == ("built", "区", "湖北省武汉市武昌区")


def test_a_pdf_amount_keeps_its_page_box_and_printed_text(corpus):
    con = connect(corpus, read_only=True)
    page, line, box, printed = con.execute(
        "SELECT page, line, box, printed FROM amounts a JOIN documents d ON d.id = a.document_id WHERE d.source = "
        "'shanghai-putuo-ghzyj-2024.pdf' AND table_key = 'expenditure' AND row_key = '2120201' AND column_key = "
        "'project'").fetchone()
    assert (page, printed) == (11, "2250.88") and line > 0 and len(box) == 4


def test_reingest_adds_nothing(corpus):
    before = connect(corpus, read_only=True).execute("SELECT count(*) FROM amounts").fetchone()[0]
    again = ingest(collect(SOURCES), corpus)
    assert again.added == [] and len(again.skipped) == 6
    assert connect(corpus, read_only=True).execute("SELECT count(*) FROM amounts").fetchone()[0] == before


def test_a_failure_half_way_leaves_no_partial_document(tmp_path, monkeypatch):
    real = ingest_module._insert_rows

    def failing(con, table, columns, document_id, rows):
        if table == "facts" and document_id == 2:
            raise OSError("disk full while writing facts")
        real(con, table, columns, document_id, rows)

    monkeypatch.setattr(ingest_module, "_insert_rows", failing)
    db = tmp_path / "c.duckdb"
    texts = sorted((CORPUS / "text").glob("*.txt"))
    result = ingest(texts, db)
    assert len(result.added) == 2 and len(result.failed) == 1 and "disk full" in result.failed[0][1]
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    ids = {r[0] for r in con.execute("SELECT DISTINCT document_id FROM amounts").fetchall()}
    assert 2 not in ids and ids == {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
    con.close()
    monkeypatch.setattr(ingest_module, "_insert_rows", real)
    assert ingest(texts, db).added == [result.failed[0][0]]   # the failed one goes in on the next run


def _synthetic(con, year: int, department: str, subjects: list[tuple[str, str, str]]) -> None:
    document = dict(zip(DOCUMENT_COLUMNS, (f"{department}{year}", f"{year}.pdf", "published", year, department, "区",
                                           "某市某区", "wuhan-2023", 1, 0, 0, 0, "test")))
    amounts = [("expenditure", "", code, code, name, "项", "total", Decimal(value), None, None, None, None)
               for code, name, value in subjects]
    store(con, Records(document, amounts))


def test_years_are_matched_across_a_catalogue_change(tmp_path):
    con = connect(tmp_path / "c.duckdb")
    _synthetic(con, 2018, "某局", [("2160504", "旅游宣传", "10.00"), ("2040607", "法律援助", "5.00"),
                                  ("2080505", "机关事业单位基本养老保险缴费", "3.00"), ("2010350", "其他支出", "1.00")])
    _synthetic(con, 2024, "某局", [("2070113", "旅游宣传", "12.00"), ("2040607", "公共法律服务", "6.00"),
                                  ("2080505", "机关事业单位基本养老保险缴费支出", "4.00"), ("2010350", "事业运行", "2.00")])
    result = compare.department_years(con, "某局")
    rows = {r[0]: r for r in result.rows if not str(r[-1]).startswith("未匹配")}
    assert rows["2070113"][2:4] == [Decimal("10.00"), Decimal("12.00")] and "2160504" in rows["2070113"][4]
    assert rows["2040607"][2:4] == [Decimal("5.00"), Decimal("6.00")] and "改名" in rows["2040607"][4]
    assert rows["2080505"][2:4] == [Decimal("3.00"), Decimal("4.00")]
    assert rows["2010350"][2:4] == [None, Decimal("2.00")]
    unmatched = [r for r in result.rows if str(r[-1]).startswith("未匹配")]
    assert [(r[0], r[2]) for r in unmatched] == [("2010350", Decimal("1.00"))] and "名称不同" in unmatched[0][-1]


def test_peers_rank_and_mark_outliers(tmp_path):
    con = connect(tmp_path / "c.duckdb")
    for n, (spent, project) in enumerate([(100, 30), (200, 62), (150, 44), (120, 38), (300, 290)]):
        document = dict(zip(DOCUMENT_COLUMNS, (f"d{n}", f"{n}.pdf", "published", 2024, f"部门{n}", "区", "某区",
                                               "", 1, 0, 0, 0, "test")))
        store(con, Records(document, [("expenditure", "", "total", None, "合计", "合计", key, Decimal(value), None,
                                       None, None, None) for key, value in (("total", spent), ("project", project))]
                           + [("summary", "支出", "expenditure_total", None, "本年支出合计", "total", "amount",
                               Decimal(spent), None, None, None, None)]))
    result = compare.peers(con, 2024, "某区")
    assert [r[1] for r in result.rows] == ["部门4", "部门1", "部门2", "部门3", "部门0"]
    odd = result.header.index("离群")
    assert [r[1] for r in result.rows if "项目支出占比异常" in r[odd]] == ["部门4"]


def test_observed_catalogue_shows_names_and_gaps(corpus):
    result = compare.observed_catalogue(connect(corpus, read_only=True), "2080505")
    assert result.rows and {r[0] for r in result.rows} == {"2080505"}
    status = {r[1]: r[4] for r in result.rows}
    assert status["机关事业单位基本养老保险缴费支出"] == "一致"          # the catalogue's own name
    assert status["机关事业单位基本养老保险缴费"] == "目录：机关事业单位基本养老保险缴费支出"   # as printed, cut short


def test_exports_parquet_csv_and_a_valid_fiscal_data_package(corpus, tmp_path):
    import duckdb
    import frictionless

    con = connect(corpus, read_only=True)
    parquet = export.export_tables(con, tmp_path / "parquet", "parquet")
    count = duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path / 'parquet' / 'amounts.parquet'}'").fetchone()[0]
    assert len(parquet) == 4 and count == con.execute("SELECT count(*) FROM amounts").fetchone()[0]
    export.export_tables(con, tmp_path / "csv", "csv")
    package = export.export_fiscal_data_package(con, tmp_path / "fdp")
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "message"])
    assert "model" in package.read_text(encoding="utf-8")


def test_sql_is_read_only_and_cli_commands_write_files(corpus, tmp_path):
    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM documents", "--db", str(corpus)])
    assert result.exit_code == 0 and "6" in result.output
    refused = runner.invoke(app, ["sql", "DELETE FROM amounts", "--db", str(corpus)])
    assert refused.exit_code == 2 and "read-only" in refused.output
    out = tmp_path / "peers.xlsx"
    assert runner.invoke(app, ["compare", "peers", "2025", "--db", str(corpus), "-o", str(out)]).exit_code == 0
    assert out.stat().st_size > 1000
    missing = runner.invoke(app, ["sql", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "不存在" in missing.output


def test_a_report_whose_tables_are_elsewhere_is_compared_by_what_its_text_states(tmp_path):
    """北京市…环境卫生服务中心机关 2021 publishes its tables as an attachment; the page states 本年收入合计
    27,473.83, 本年支出合计 24,465.17, 基本支出 2,869.32 and 项目支出 21,595.85 (read by hand)."""
    db = tmp_path / "c.duckdb"
    assert not ingest([CORPUS / "fragments" / "019_beijing_chaoyang_huanweizhongxin_2021.txt"], db).failed
    result = compare.peers(connect(db, read_only=True), 2021)
    row = dict(zip(result.header, result.rows[0]))
    assert row["部门"].startswith("北京市朝阳区环境卫生服务中心机关") and row["来源"] == "文中"  # front matter
    assert [row[k] for k in ("本年收入合计", "本年支出合计", "基本支出", "项目支出")] == \
        [Decimal("27473.83"), Decimal("24465.17"), Decimal("2869.32"), Decimal("21595.85")]
    assert row["项目支出占比%"] == Decimal("88.27")


def test_codes_learned_from_a_corpus_are_known_to_c003(tmp_path, monkeypatch):
    """A code no catalogue has, printed by published reports, is attested once `catalog learn` has read
    the corpus: C003 stops calling it unknown (its name still comes from the catalogues only)."""
    monkeypatch.setenv("JUESUAN_HOME", str(tmp_path / "home"))
    source = (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_text(encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(source.replace("2080505", "2080598"), encoding="utf-8")

    def unknown() -> list[str]:
        return [f.message for f in api.check(report, select=("C003",)).findings if "2080598" in f.message]

    assert unknown()
    db = tmp_path / "corpus.duckdb"
    assert runner.invoke(app, ["ingest", str(report), "--db", str(db)]).exit_code == 0
    learned = runner.invoke(app, ["catalog", "learn", "--db", str(db)])
    assert learned.exit_code == 0 and "已记下" in learned.output
    assert unknown() == []


def test_a_database_that_is_not_a_juesuan_corpus_is_refused_untouched(tmp_path):
    import sqlite3

    import duckdb

    lite = tmp_path / "other.sqlite"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE t (a)")
    foreign = tmp_path / "other.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (a INT)")
    con.close()
    for db, words in ((lite, "不是 DuckDB"), (foreign, "别的 DuckDB 数据库")):
        before = db.read_bytes()
        for args in (["ingest", str(CORPUS / "seeds"), "--db", str(db)], ["sql", "SELECT 1", "--db", str(db)]):
            result = runner.invoke(app, args)
            assert result.exit_code == 2 and words in result.output, (db.name, args[0])
        assert db.read_bytes() == before


def test_outputs_get_ordinary_permissions_and_errors_name_the_requested_path(tmp_path):
    import os
    import stat

    from juesuan.fsutil import atomic_write_bytes

    target = tmp_path / "out.json"
    atomic_write_bytes(target, b"{}")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    folder = tmp_path / "a folder"       # the path asked for is a folder: the error names it, not the scratch file
    folder.mkdir()
    with pytest.raises(OSError) as raised:
        atomic_write_bytes(folder, b"{}")
    assert raised.value.filename == str(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", "out.json"]      # no scratch file left


def test_peers_name_the_departments_without_amounts(tmp_path):
    """Issue 23.8: `compare peers` dropped departments without amounts silently."""
    con = connect(tmp_path / "c.duckdb")
    _synthetic(con, 2024, "有数的局", [("2010350", "事业运行", "2.00")])
    document = dict(zip(DOCUMENT_COLUMNS, ("nothing2024", "2024.pdf", "published", 2024, "没读出数的局", "区",
                                           "某市某区", "wuhan-2023", 1, 0, 0, 0, "test")))
    store(con, Records(document, []))
    result = compare.peers(con, 2024)
    assert [row[1] for row in result.rows] == ["有数的局"]
    assert any("另有 1 个部门" in note and "没读出数的局" in note for note in result.notes)


def test_an_export_that_fails_on_a_full_disk_says_so_and_leaves_nothing(corpus, tmp_path, monkeypatch):
    """Issue 23.5: `export` on a full disk ended in a DuckDB traceback with a partial folder."""
    import duckdb

    def full_disk(con, outdir, fmt):
        (outdir / "documents.parquet").write_bytes(b"PAR1")     # one file made before the disk filled
        raise duckdb.IOException('IO Error: Could not write file "amounts.parquet": No space left on device')

    monkeypatch.setattr(export, "export_tables", full_disk)
    target = tmp_path / "exported"
    result = runner.invoke(app, ["export", "-o", str(target), "--db", str(corpus)])
    assert result.exit_code == 2 and "磁盘空间已满" in result.output and "未写出任何文件" in result.output
    assert not target.exists()


def test_ingest_on_a_full_disk_names_the_disk_not_a_rollback(tmp_path, monkeypatch):
    """Issue 23.5: a full disk during ingest said "cannot rollback - no transaction is active"."""
    import duckdb

    def full_disk(con, records):
        con.execute("BEGIN TRANSACTION")
        try:
            raise duckdb.IOException("IO Error: No space left on device")
        finally:
            con.execute("ROLLBACK")

    monkeypatch.setattr(ingest_module, "store", full_disk)
    db = tmp_path / "corpus.duckdb"
    result = runner.invoke(app, ["ingest", str(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt"), "--db", str(db)])
    assert result.exit_code == 2 and "磁盘空间已满" in result.output and "rollback" not in result.output


def test_a_failed_commit_reports_its_own_error():
    """A COMMIT that fails ends the transaction itself; the ROLLBACK after it must not hide why."""
    class Failing:
        def __init__(self):
            self.calls = []

        def execute(self, sql, *args):
            self.calls.append(sql)
            if sql == "COMMIT":
                raise OSError(28, "No space left on device")
            if sql == "ROLLBACK":
                raise RuntimeError("cannot rollback - no transaction is active")
            return self

        def fetchone(self):
            return (1,)

    document = dict(zip(DOCUMENT_COLUMNS, ("x", "x.pdf", "published", 2024, "局", None, None, None, 1, 0, 0, 0, "r")))
    with pytest.raises(OSError, match="No space"):
        store(Failing(), Records(document))
