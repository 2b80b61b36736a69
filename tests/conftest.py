import os
import tempfile
from pathlib import Path

import pytest

# the catalogue editions a user imported live in $JUESUAN_HOME: the tests use an empty one of their own
os.environ["JUESUAN_HOME"] = tempfile.mkdtemp(prefix="juesuan-home-")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"     # real published reports, copied into the repository (README there)
SEED = CORPUS / "seeds" / "000_105574f5e848fce4.txt"
EXAMPLE = ROOT / "examples" / "wuchang-2023" / "data.xlsx"


@pytest.fixture(scope="session")
def example_report():
    from juesuan.inputs import load_report

    return load_report(EXAMPLE)


@pytest.fixture(scope="session")
def example_tables(example_report):
    from juesuan import api

    return {t.key: t for t in api.tables(example_report)}


def _build(out):
    from juesuan import api

    result = api.build(EXAMPLE, out)
    assert result.ok, result.problems
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The example built in every format, once."""
    return _build(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def built_again(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("again"))
