"""The typer apps of ``juesuan``: the command and its groups. Command modules register on them."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="juesuan（决算）：部门决算公开的编制、审核与比较工具。\n\n"
         "先用 init 生成填报工作簿，填好后用 build 生成公开表格。",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="列出审核规则，或解释一条规则（依据、提示文字和示例）。",
                        invoke_without_command=True)
perf_app = typer.Typer(help="预算绩效自评：按计分规则重算得分，核对自评表填报的分数。", no_args_is_help=True)
catalog_app = typer.Typer(help="查看政府收支分类科目目录（内置的部分目录，或用 --catalog 载入的完整版本）。",
                          no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
app.add_typer(rules_app, name="rules")
app.add_typer(perf_app, name="perf")


def _version(shown: bool) -> None:
    if shown:
        from .. import __version__

        print(f"juesuan {__version__}")
        raise typer.Exit()


@app.callback()
def options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                         help="显示版本号后退出")) -> None:
    """juesuan（决算）：部门决算公开的编制、审核与比较工具。

    先用 init 生成填报工作簿，填好后用 build 生成公开表格。"""
