"""Run one pure function over many documents: locally in worker processes (pebble, which kills a
worker that overruns its time limit), or on a Dask cluster (an existing scheduler, or a local
cluster started for the run). The caller gets (index, result, error) as each document finishes.
And ``forked``: one job beside the caller's own work, in a forked process (a build's PDF)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from itertools import islice

EXECUTORS = ("local", "dask")
PRELOAD = ["juesuan.api", "juesuan.batch", "juesuan.parse.pdf", "juesuan.store.records", "juesuan.analysis"]


class Timeout(Exception):
    """A document ran past its time limit."""


def run_all(function: Callable, arguments: Iterable[tuple], *, jobs: int = 1, timeout: float = 300.0,
            executor: str = "local", scheduler: str | None = None
            ) -> Iterator[tuple[int, object, BaseException | None]]:
    """``function(*arguments[i])`` for every i, as each finishes: (i, result, None) or (i, None, error).

    At most ``WINDOW`` jobs per worker are scheduled at a time and a finished job is forgotten once
    reported, so the caller's memory does not grow with the number of documents (``arguments`` may be
    a generator: it is read as the window moves)."""
    if executor == "dask":
        yield from _dask(function, arguments, jobs, timeout, scheduler)
        return
    import multiprocessing

    from pebble import ProcessPool

    # forkserver: workers start from a clean process, safe when the caller runs threads (a web server,
    # a Dask client) that a plain fork would copy mid-operation
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)   # imported once in the server, not in every worker
    pool = ProcessPool(max_workers=max(1, jobs), context=context)
    try:
        yield from _windowed(lambda args: pool.schedule(function, args, timeout=timeout), arguments,
                             WINDOW * max(1, jobs))
    except BaseException:        # Ctrl-C, or the caller stopped early: drop the queue, end the workers now
        pool.stop()
        raise
    finally:
        pool.close()
        pool.join()


WINDOW = 4    # jobs scheduled per worker ahead of the results: workers never wait, memory stays flat


def _windowed(submit: Callable, arguments: Iterable[tuple], size: int
              ) -> Iterator[tuple[int, object, BaseException | None]]:
    """Keep ``size`` futures in flight, reporting each as it finishes and then dropping it."""
    pending: dict = {}
    todo = enumerate(arguments)
    for index, args in islice(todo, size):
        pending[submit(args)] = index
    while pending:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            index = pending.pop(future)
            yield _outcome(index, future)
            for index, args in islice(todo, 1):
                pending[submit(args)] = index


def _outcome(index: int, future) -> tuple[int, object, BaseException | None]:
    try:
        return index, future.result(), None
    except FutureTimeout:
        return index, None, Timeout()
    except Exception as exc:  # noqa: BLE001 - the caller turns every failure into data
        return index, None, exc


def _dask(function: Callable, arguments: Iterable[tuple], jobs: int, timeout: float,
          scheduler: str | None) -> Iterator[tuple[int, object, BaseException | None]]:
    """On Dask: tasks are not killed when they overrun (Dask cannot), so the limit is on waiting:
    when no result comes back for ``timeout`` seconds, the longest-waiting document fails and is
    cancelled. The window keeps results from piling up in the cluster's memory."""
    from distributed import Client, LocalCluster
    from distributed import TimeoutError as DaskTimeout
    from distributed import wait as dask_wait

    cluster = None if scheduler else LocalCluster(n_workers=max(1, jobs), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: dict = {}         # future → index, in the order submitted
        todo = enumerate(arguments)

        def refill(count: int) -> None:
            for index, args in islice(todo, count):
                pending[client.submit(function, *args, pure=False)] = index

        refill(WINDOW * workers)
        while pending:
            try:
                done = dask_wait(list(pending), timeout=timeout, return_when="FIRST_COMPLETED").done
            except DaskTimeout:
                oldest = next(iter(pending))
                oldest.cancel()
                yield pending.pop(oldest), None, Timeout()
                refill(1)
                continue
            for future in done:
                yield _outcome(pending.pop(future), future)
                future.release()
                refill(1)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class Inline(Executor):
    """Runs each job at once in the caller: ``forked`` where a fork cannot or should not be made."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - handed to whoever asks for the result
            future.set_exception(exc)
        return future


@contextmanager
def forked(workers: int) -> Iterator[Executor]:
    """Up to ``workers`` forked processes for jobs the caller waits for (a build's PDF, printed while
    the other formats are written), or the caller itself when nothing could run beside it.

    A fork starts at once and inherits everything imported; it is only safe with no other thread
    running (a web server's threads could hold locks the copy never releases), so there, on a single
    CPU, in a daemon worker (which may not have children) and off Linux (macOS's system libraries
    are not fork-safe), the jobs run inline instead."""
    import multiprocessing

    if workers < 1 or not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2 \
            or threading.active_count() > 1 or multiprocessing.current_process().daemon:
        yield Inline()
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with_parent)
    try:
        yield pool
    except BaseException:        # an error, Ctrl-C or a kill (SIGTERM): the side job is not waited for
        for process in list((pool._processes or {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _die_with_parent() -> None:
    """In a side process: end when the process that made it ends, even by SIGKILL (Linux's
    PR_SET_PDEATHSIG), so no orphan goes on printing a PDF nobody will collect."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))    # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
