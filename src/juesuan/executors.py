"""Run one pure function over many documents: locally in worker processes (pebble, which kills a
worker that overruns its time limit), or on a Dask cluster (an existing scheduler, or a local
cluster started for the run). The caller gets (index, result, error) as each document finishes.
And ``forked``: one job beside the caller's own work, in a forked process (a build's PDF)."""

from __future__ import annotations

import math
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager

EXECUTORS = ("local", "dask")
PRELOAD = ["juesuan.api", "juesuan.batch", "juesuan.parse.pdf", "juesuan.store.records", "juesuan.analysis"]


class Timeout(Exception):
    """A document ran past its time limit."""


def run_all(function: Callable, arguments: list[tuple], *, jobs: int = 1, timeout: float = 300.0,
            executor: str = "local", scheduler: str | None = None
            ) -> Iterator[tuple[int, object, BaseException | None]]:
    """``function(*arguments[i])`` for every i, as each finishes: (i, result, None) or (i, None, error)."""
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
        futures = {pool.schedule(function, args, timeout=timeout): i for i, args in enumerate(arguments)}
        for future in as_completed(futures):
            yield _outcome(futures[future], future)
    except BaseException:        # Ctrl-C, or the caller stopped early: drop the queue, end the workers now
        pool.stop()
        raise
    finally:
        pool.close()
        pool.join()


def _outcome(index: int, future) -> tuple[int, object, BaseException | None]:
    try:
        return index, future.result(), None
    except FutureTimeout:
        return index, None, Timeout()
    except Exception as exc:  # noqa: BLE001 - the caller turns every failure into data
        return index, None, exc


def _dask(function: Callable, arguments: list[tuple], jobs: int, timeout: float,
          scheduler: str | None) -> Iterator[tuple[int, object, BaseException | None]]:
    """On Dask: tasks are not killed when they overrun (Dask cannot), so the limit is on waiting —
    the batch is given ``timeout`` per document per worker, and what is still running then fails."""
    from distributed import Client, LocalCluster
    from distributed import TimeoutError as DaskTimeout
    from distributed import as_completed as dask_completed

    cluster = None if scheduler else LocalCluster(n_workers=max(1, jobs), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = {client.submit(function, *args, pure=False): i for i, args in enumerate(arguments)}
        budget = timeout * math.ceil(len(arguments) / workers) + 30
        pending = set(futures)
        try:
            for future in dask_completed(futures, timeout=budget):
                pending.discard(future)
                yield _outcome(futures[future], future)
        except DaskTimeout:
            pass
        for future in pending:
            future.cancel()
            yield futures[future], None, Timeout()
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
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool
