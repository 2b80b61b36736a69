"""The ``juesuan`` command: a thin layer over ``juesuan.api``, one module per area (编制 ``prepare``,
审核 ``review``, 绩效 ``evaluate``, the catalogue, the corpus, the web app).

Exit codes: 0 done; 1 the command ran and found errors; 2 the input could not be used.
"""

from __future__ import annotations

import os
import signal
import sys

from .apps import app
from .common import err, file_error

# importing registers the commands: this order is the order of `juesuan --help`
# isort: off
from . import prepare, review, serve, corpus, evaluate, catalog  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """The `juesuan` command. A file the system will not read or write (an output folder that is a file,
    no permission, a full disk) ends with a message naming the path and exit code 2, not a traceback;
    output cut off by a closed pipe (`| head`) ends quietly. A polite kill (SIGTERM) ends like Ctrl-C
    does: scratch folders and side processes are cleaned up on the way out."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断（未审核完的文件没有结果）", highlight=False)
        sys.exit(130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error at exit
        sys.exit(1)
    except OSError as exc:
        err.print(f"[red]错误[/red]：{file_error(exc)}", highlight=False)
        sys.exit(2)




def _terminated(*_) -> None:
    raise SystemExit(143)
