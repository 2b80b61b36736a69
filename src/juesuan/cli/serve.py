"""The local web app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .apps import app
from .common import out


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址（默认只在本机）")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workdir: Annotated[Path, typer.Option(help="上传文件和生成结果的存放目录（不在网站目录内）")] = Path(".juesuan-web"),
    db: Annotated[Path | None, typer.Option("--db", help="语料库（数据页面用）")] = None,
    keep_days: Annotated[float, typer.Option("--keep-days", min=0, help="任务（上传和生成的文件）保留的天数")] = 30,
) -> None:
    """启动本地网页：编制（上传工作簿、预览、下载报告）、审核（上传报告、查看和豁免问题）、数据（浏览语料库）。"""
    import uvicorn

    from ..web.app import create_app

    out.print(f"juesuan 网页：http://{host}:{port}/  （Ctrl+C 停止）", highlight=False)
    uvicorn.run(create_app(workdir, db, keep_days), host=host, port=port, log_level="warning")


