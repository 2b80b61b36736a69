"""The public API: what the CLI (and later the web app) call."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .analysis import Analysis
from .catalog import Catalog, bundled, load_edition
from .claims.reader import claims
from .claims.stated import stated_figures
from .derive import Accounts, build_document, build_tables, derive_accounts
from .derive.budget import budget_document
from .derive.narrative import Gap
from .derive.scoring import (
    DEFAULT_RULES,
    EvaluationScore,
    ScoringError,
    ScoringRules,
    score_evaluation,
)
from .derive.scoring import available as scoring_rules
from .derive.scoring import load_rules as load_scoring_rules
from .document import Document, Table
from .executors import forked
from .findings import Outcome, Status, Waiver, WaiverError, parse_waivers
from .forms import Forms
from .fsutil import atomic_outputs, atomic_write_bytes
from .inputs import Finding, Severity, blank_workbook, errors_in, is_data_file, problem, read_report
from .inputs.answers import AnswerError, fill, gap_cell
from .model import BudgetReport, Report
from .parse import ReadError, decode, kind_of, read_bytes, read_document
from .parse.budget import budget_from_document, budget_layout
from .parse.report import ReportError, detect_layout, level_of, region_of, report_from_document
from .profiles import Profile
from .profiles import load as load_profile
from .render.formats import REPORT_FORMATS, Rendering
from .rules import FAMILIES, REGISTRY, RULESET, CheckResult, run, selected
from .rules.link import link

FORMATS = tuple(REPORT_FORMATS)     # xlsx, json, txt, html, docx, pdf

# What the faces (CLI, web) use from the layers below, through the API only (a contract):
__all__ = ["FAMILIES", "FORMATS", "RULES", "Analysis", "AnswerError", "BuildResult", "Gap", "ParseResult",
           "budget_layout",
           "PerformanceResult", "ReadError", "ReportError", "ScoringError", "analyse", "blank_workbook", "build",
           "catalog_with", "check", "check_document", "decode", "derive", "download_name", "fill", "filled_workbook", "gaps", "kind_of",
           "load_scoring_rules", "load_waivers", "parse", "read_report", "report_json", "score_performance", "scoring_rules",
           "selected", "tables"]
RULES = REGISTRY


@dataclass
class BuildResult:
    problems: list[Finding]
    files: list[Path] = field(default_factory=list)
    check: CheckResult | None = None   # the rules run on what was generated
    refused: bool = False              # generated output had errors and was not written
    gaps: list[Gap] = field(default_factory=list)    # what the text marks 【待补充】, and where it would go
    draft: bool = False                # written as a draft: its text still marks 【待补充】
    published: dict[str, list] = field(default_factory=dict)   # file → findings when it is read back
    report: Report | None = None       # what was built from (department and year name the downloads)

    @property
    def ok(self) -> bool:
        return not errors_in(self.problems) and not self.refused


def gaps(report: Report, catalog: Catalog | None = None) -> list[Finding]:
    """What the generated text would mark 【待补充】 for ``report``, each as a warning at the cell to fill
    (what ``validate`` adds to the input problems, so that "输入无误" means the text is whole too)."""
    found: list[Gap] = []
    form = load_profile(report.profile)
    build_document(report, build_tables(derive(report, catalog), form), "", form, catalog, found)
    origin = next((line.loc.split(":", 1)[0] for line in report.lines if line.loc and ":" in line.loc), "")
    return [problem(gap_cell(g.field, report, origin) if g.field else origin or "data",
                    f"生成的文字将缺少：{g}（将在文中标注【待补充】）", Severity.WARNING, code="narrative-gap")
            for g in found]


DOWNLOAD_TITLES = {"tables.xlsx": "部门决算表", "report.json": "部门决算表数据"}


def download_name(department: str, year: int, file: str) -> str:
    """The name a built file is saved under by the person who downloads it: 部门 + 年度 + what it is
    (``某某局2023年度部门决算.pdf``), not ``report.pdf``."""
    suffix = file.rsplit(".", 1)[-1]
    what = DOWNLOAD_TITLES.get(file, "部门决算")
    name = f"{department}{year}年度{what}.{suffix}"
    return "".join(c for c in name if c.isprintable() and c not in '\\/:*?"<>|')


def catalog_home() -> Path:
    """Where `juesuan catalog import` keeps the editions a user holds ($JUESUAN_HOME/catalog,
    ~/.juesuan/catalog by default)."""
    return Path(os.environ.get("JUESUAN_HOME") or Path.home() / ".juesuan") / "catalog"


def catalog_with(paths: list[Path] | None = None, year: int | None = None) -> Catalog:
    """The bundled catalogue, with the editions imported by `juesuan catalog import` and the user's
    files given here laid over it."""
    catalog = bundled()
    imported = sorted(catalog_home().glob("*.csv")) if catalog_home().is_dir() else []
    for path in [*imported, *(paths or [])]:
        catalog = catalog.merged(load_edition(path, year))
    learned = catalog_home() / ATTESTED
    if learned.is_file():
        catalog = replace(catalog, attested=catalog.attested | set(learned.read_text(encoding="utf-8").split()))
    return catalog


ATTESTED = "attested-codes.txt"    # codes learned from a corpus: they exist; their printed names prove nothing


def learn_codes(codes: list[str]) -> tuple[Path, int]:
    """Keep codes seen in published reports as attested (C003 then knows they exist); the file kept
    and how many codes it holds."""
    target = catalog_home() / ATTESTED
    known = set(target.read_text(encoding="utf-8").split()) if target.is_file() else set()
    known |= {c for c in codes if c.isdigit() and len(c) in (3, 5, 7)}
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, ("\n".join(sorted(known)) + "\n").encode("utf-8"))
    return target, len(known)


def import_catalog(source: Path, year: int | None = None) -> tuple[Path, int]:
    """Keep an official edition (CSV or XLSX: 科目编码/科目代码, 科目名称, 说明) for every later command;
    the file kept and how many subjects it has. CatalogError when it cannot be used."""
    edition = load_edition(Path(source), year)
    subjects = [s for editions in edition.entries.values() for s in editions]
    lines = ["code,name,edition,description,source"]
    lines += [",".join(_csv(v) for v in (s.code, s.name, s.edition or "", s.description, Path(source).name))
              for s in subjects]
    target = catalog_home() / f"{Path(source).stem}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, ("\n".join(lines) + "\n").encode("utf-8"))
    return target, len(subjects)


def _csv(value: object) -> str:
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def derive(report: Report, catalog: Catalog | None = None) -> Accounts:
    return derive_accounts(report, catalog or catalog_with())


def tables(report: Report, profile: Profile | None = None, catalog: Catalog | None = None) -> list[Table]:
    return build_tables(derive(report, catalog), profile or load_profile(report.profile))


def check_document(doc: Document, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                   catalog: Catalog | None = None, waivers: tuple[Waiver, ...] = (),
                   forms: Forms | None = None) -> CheckResult:
    return run(doc, selected(select, ignore), catalog or catalog_with(), waivers, forms)


def check(path: Path, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
          catalog: Catalog | None = None, waivers: tuple[Waiver, ...] = (), profile: str | None = None,
          budget: Path | None = None) -> CheckResult:
    """The findings of ``analyse``; ``parse.ReadError`` when the file is unreadable. With ``budget`` (the
    department's published 部门预算 of the same year), also every difference between the 决算's
    年初预算 and 三公 预算数 and that budget (B030)."""
    analysis = analyse(path, select, ignore, catalog, waivers, profile)
    if budget is None:
        return analysis.result
    linked = against_budget(analysis, Path(budget))
    outcome = Outcome("B030", Status.FAILED if linked else Status.PASSED, len(linked))
    return replace(analysis.result, findings=analysis.result.findings + linked,
                   outcomes=analysis.result.outcomes + [outcome])


def against_budget(analysis: Analysis, budget: Path) -> list[Finding]:
    """B030 over a 决算's Analysis and the budget file; ReadError when the budget is not a readable 部门预算
    or the 决算 states no figures to compare."""
    doc = _read_budget(Path(budget))
    final = analysis.document
    if final.kind == "budget" or analysis.report is None:
        raise ReadError(f"{final.source}: 不是能读出年初预算的部门决算，无法与部门预算比较")
    if final.year != doc.year or not _same_department(final.department, doc.department):
        raise ReadError(f"{budget.name}: 是{doc.department}{doc.year}年的部门预算，决算是{final.department}"
                        f"{final.year}年度的：不是同一部门同一年度")
    return link(analysis.report, final.source, doc)


def _same_department(a: str, b: str) -> bool:
    """The same department, written with or without its region ("普陀区城市管理行政执法局")."""
    return bool(a and b) and (a in b or b in a)


def _read_budget(path: Path) -> Document:
    if is_data_file(path):
        report, problems = read_report(path)
        if not isinstance(report, BudgetReport) or errors_in(problems):
            raise ReadError(f"{path.name}: 不是可用的部门预算数据")
        return budget_document(report, path.name)
    doc = read_document(path)
    if doc.kind != "budget":
        raise ReadError(f"{path.name}: 不是部门预算（标题和目录中没有读到部门预算的表）")
    return doc


def analyse(path: Path, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), catalog: Catalog | None = None,
            waivers: tuple[Waiver, ...] = (), profile: str | None = None, *, data: bytes | None = None,
            ocr: bool = True) -> Analysis:
    """One document through the one pipeline: read (a published report) or generated (a juesuan
    workbook or Report JSON), its layout detected, its stated figures read and the rules run.
    ``data``: the file's bytes, when they are at hand rather than on disk. With a ``profile`` (an id
    or a profile file), its forms (the shipped ones and its overlay) are the ones recognised and
    checked. ``parse.ReadError`` when the file cannot be read."""
    path, catalog = Path(path), catalog or catalog_with()
    if data is None and is_data_file(path):
        return _analyse_data(path, select, ignore, catalog, waivers)
    forms = load_profile(profile).forms if profile else None
    doc = read_document(path, ocr, forms) if data is None else read_bytes(data, path.name, ocr, forms)
    layout = detect_layout(doc)[0]
    try:
        report = report_from_document(doc, layout or None)
    except ReportError:
        report = None
    name = doc.department
    return Analysis(doc, check_document(doc, select, ignore, catalog, waivers, forms), report, layout,
                    level=level_of(name).value if name else "", region=region_of(name),
                    stated=stated_figures(doc), claims=claims(doc), ruleset=RULESET)


def _analyse_data(path: Path, select: tuple[str, ...], ignore: tuple[str, ...], catalog: Catalog | None,
                  waivers: tuple[Waiver, ...]) -> Analysis:
    """The report a data file generates, analysed like a published one."""
    report, problems = read_report(path, catalog)
    if report is None or errors_in(problems):
        raise ReadError(f"{path.name}: 数据有错误，无法生成报告（先用 juesuan validate 检查）")
    if isinstance(report, BudgetReport):
        doc = budget_document(report, path.name, catalog, [])
        doc.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        return Analysis(doc, check_document(doc, select, ignore, catalog, waivers, None), None, "", "built",
                        report.department.level.value, report.department.region, stated_figures(doc), claims(doc),
                        RULESET)
    profile = load_profile(report.profile)
    doc = build_document(report, tables(report, profile, catalog), path.name, profile, catalog, [])
    doc.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    result = check_document(doc, select, ignore, catalog, waivers, profile.forms)
    return Analysis(doc, result, report, profile.id, "built", report.department.level.value,
                    report.department.region, stated_figures(doc), claims(doc), RULESET)


def load_waivers(path: Path) -> list[Waiver]:
    """The waivers of a waiver file (YAML or JSON: a list of rule / where / reason); WaiverError
    naming the file when it cannot be read or used."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise WaiverError(f"{path}：豁免文件无法读取（{exc.__class__.__name__}: {exc}）") from None
    return parse_waivers(data, str(path))


def report_json(report: Report | BudgetReport) -> str:
    """The data as JSON that ``build`` reads again (a budget's says ``"kind": "budget"``)."""
    text = report.model_dump_json(indent=1, exclude_defaults=True)
    if isinstance(report, BudgetReport):
        text = '{\n "kind": "budget",' + text.removeprefix("{")
    return text


def filled_workbook(report: Report | BudgetReport):
    """The input workbook (``juesuan init``'s) holding ``report``: a published report parsed into one,
    or JSON data, for an officer to go on with in Excel."""
    from .inputs.template import filled_workbook as fill_in

    return fill_in(report.model_dump(mode="json"), "budget" if isinstance(report, BudgetReport) else "final")


@dataclass
class ParseResult:
    document: Document
    report: Report | BudgetReport
    layout: str            # the bundled profile the document follows best ("" when none matches)


def parse(path: Path, *, year: int | None = None, department: str | None = None, profile: str | None = None,
          ocr: bool = True) -> ParseResult:
    """A published report file read into its located Document and the Report its tables state.
    ReadError when the file cannot be read, ReportError when it states no usable tables."""
    doc = read_document(Path(path), ocr=ocr)
    doc.year = year or doc.year
    doc.department = department or doc.department
    if doc.kind == "budget":     # a 部门预算: its data is a BudgetReport (juesuan build writes it again)
        return ParseResult(doc, budget_from_document(doc), "")
    layout = detect_layout(doc)[0]
    return ParseResult(doc, report_from_document(doc, profile or layout or None), layout)


def build(source: Path, outdir: Path, *, formats: tuple[str, ...] = FORMATS, catalog: Catalog | None = None,
          profile: str | None = None, unit_name: str | None = None, force: bool = False,
          draft: bool = False) -> BuildResult:
    """Read ``source``, derive the tables, check them with the rules and write them.

    Nothing is written when the input has errors, or when the generated report fails a rule
    (unless ``force``). Text the data could not supply is marked 【待补充】, which the rules find
    (N008): such a report is written only as a ``draft``, 草稿 on every page."""
    catalog = catalog or catalog_with()
    report, problems = read_report(Path(source), catalog, profile)
    result = BuildResult(problems)
    if report is None or not result.ok:
        return result
    if unit_name and isinstance(report, BudgetReport):
        result.problems.append(problem(Path(source).name, "部门预算不按单位分别生成（--unit 只用于汇总决算）",
                                       code="unknown-unit"))
        return result
    if unit_name:
        if unit_name not in report.units:
            result.problems.append(problem(Path(source).name, f"单位「{unit_name}」不在单位构成中（{'、'.join(report.units)}）",
                                           code="unknown-unit"))
            return result
        report = report.for_unit(unit_name)
    # the PDF takes longest: it is printed in a side process while the other formats are written; the
    # first time, that process also loads the engine while the report is derived and checked
    from .render.pdf import engine, loaded

    cold = "pdf" in formats and not loaded()
    try:
        with forked(1 if cold or "pdf" in formats and len(formats) > 1 else 0) as side:
            if cold:
                side.submit(engine)
            return _derive_and_write(report, Path(source).name, Path(outdir), formats, catalog, force, draft, side,
                                     result)
    except _Refused:
        return result


def _generated(report: Report | BudgetReport, source: str, catalog: Catalog | None,
               gaps: list) -> tuple[Document, list[Table], Rendering]:
    """The published document of a 决算 (its profile's forms and sentences) or of a 部门预算."""
    if isinstance(report, BudgetReport):
        doc = budget_document(report, source, catalog, gaps)
        return doc, doc.tables, Rendering(doc, doc.tables, "")
    form = load_profile(report.profile)
    built = build_tables(derive(report, catalog), form)
    doc = build_document(report, built, source, form, catalog, gaps)
    return doc, built, Rendering(doc, built, form.id, form.blank_zero, report.publish_date)


def _derive_and_write(report: Report | BudgetReport, source: str, outdir: Path, formats: tuple[str, ...],
                      catalog: Catalog | None, force: bool, draft: bool, side: Executor,
                      result: BuildResult) -> BuildResult:
    result.report = report
    doc, built, rendering = _generated(report, source, catalog, result.gaps)
    result.problems += [problem(source, f"生成的文字缺少：{gap}（已在文中标注【待补充】）",
                                Severity.WARNING, code="narrative-gap") for gap in result.gaps]
    result.check = run(doc, catalog=catalog, forms=None if doc.kind == "budget" else load_profile(report.profile).forms)
    result.draft = draft and bool(result.gaps)
    if result.draft:     # the marks it was asked to leave are accepted, nothing else
        result.check.findings = [replace(f, waived="草稿：待补充的内容") if f.rule == "N008" and "【待补充" in (f.actual or "")
                                 else f for f in result.check.findings]
    if result.check.has_errors and not force:
        result.refused = True
        return result
    rendering = replace(rendering, warnings=[str(p) for p in result.problems], draft=result.draft)   # no errors here
    chosen = [REPORT_FORMATS[name] for name in formats]
    with atomic_outputs(outdir) as scratch:
        if any(f.side for f in chosen):
            _ = rendering.html   # made once, here, and sent along to the side process that prints it
        beside = [side.submit(f.write, rendering, scratch / f.file) for f in chosen if f.side]
        here = [f for f in chosen if not f.side]
        for f in here:
            f.write(rendering, scratch / f.file)
        # read back what was written here while the side process prints
        result.published = _read_back(scratch, here, catalog, rendering.profile or None, result.draft)
        if beside:
            from .render.pdf import engine

            engine()       # loaded here too while the side process prints: later builds start with it
            for job in beside:
                job.result()   # its error, if any, is raised here: nothing is moved into outdir
            result.published |= _read_back(scratch, [f for f in chosen if f.side], catalog,
                                           rendering.profile or None, result.draft)
        if not force and any(f.severity is Severity.ERROR for found in result.published.values() for f in found):
            result.refused = True
            raise _Refused      # nothing is moved into outdir
        result.files = [outdir / p.name for p in sorted(scratch.iterdir())]
    return result


class _Refused(Exception):
    """A written format failed its check: the scratch folder is dropped."""


PUBLISHED = ("pdf", "docx", "html", "xlsx")    # the formats people publish: each is read back and checked


def _read_back(scratch: Path, chosen: list, catalog: Catalog | None, profile: str, draft: bool) -> dict[str, list]:
    """What the rules find in each published file as a reader meets it (the text was checked before
    writing; a table drawn or read wrongly shows only here); a draft's 【待补充】 marks left out."""
    found = {}
    for f in chosen:
        if f.name in PUBLISHED:
            findings = [x for x in check(scratch / f.file, catalog=catalog, profile=profile).findings
                        if not (draft and x.rule == "N008" and "【待补充" in (x.actual or ""))
                        and x.rule != "D008"]      # what kind of document it is, not a problem
            if findings:
                found[f.file] = findings
    return found


@dataclass
class PerformanceResult:
    problems: list[Finding]
    rules: ScoringRules | None = None
    scores: list[EvaluationScore] = field(default_factory=list)

    @property
    def disagreements(self) -> list[EvaluationScore]:
        """Evaluations whose claimed score the rules do not allow."""
        return [s for s in self.scores if s.evaluation.score is not None and s.low is not None
                and not s.low <= s.evaluation.score <= s.high]


def score_performance(source: Path, rules: str | None = None, catalog: Catalog | None = None) -> PerformanceResult:
    """Recompute every self-evaluation of a workbook or JSON file with the scoring rules (the
    profile's by default)."""
    report, problems = read_report(Path(source), catalog)
    result = PerformanceResult(problems)
    if report is None:
        return result
    result.rules = load_scoring_rules(rules or load_profile(report.profile).option("scoring", DEFAULT_RULES))
    result.scores = [score_evaluation(e, report.performance.indicators, result.rules)
                     for e in report.performance.evaluations]
    return result
