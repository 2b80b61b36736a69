"""The one pipeline: api.analyse reads (or generates) a document once and everything downstream —
check, batch, the corpus — takes its Analysis."""

import hashlib
from decimal import Decimal

from conftest import CORPUS, EXAMPLE, SEED

from juesuan import api
from juesuan.batch import records_of
from juesuan.store.records import records


def test_a_published_report_is_read_once_into_everything_downstream_needs():
    analysis = api.analyse(SEED)
    assert analysis.origin == "published" and analysis.layout == "wuhan-2023" and analysis.level == "区"
    assert analysis.report.year == 2023
    # the seed's text states the 本年支出合计 its 收入支出决算总表 prints
    total = next(r for r in analysis.document.tables[0].blocks[-1].rows if "支出合计" in r.name)
    assert analysis.stated["expenditure_total"].value == Decimal("27266.89") in total.cells
    assert analysis.findings == api.check(SEED).findings


def test_a_data_file_is_analysed_as_the_report_it_generates():
    analysis = api.analyse(EXAMPLE)
    assert analysis.origin == "built" and analysis.layout == analysis.report.profile
    assert analysis.findings == []            # what build generates is consistent by construction
    assert analysis.document.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert analysis.stated["expenditure_total"].value == Decimal("27266.89")


def test_the_store_takes_rows_flattened_from_the_analysis():
    path = CORPUS / "pdf" / "shanghai-putuo-ghzyj-2024.pdf"
    analysis = api.analyse(path)
    rows = records(path.name, analysis)
    assert rows.document["sha256"] == analysis.document.sha256 and rows.document["profile"] == analysis.layout
    assert rows.document["errors"] == len([f for f in analysis.findings if f.severity.value == "error"])
    assert len(rows.findings) == len(analysis.findings)
    assert records_of(str(path)) == rows      # what a worker sends back
