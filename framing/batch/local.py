"""The one-machine engine: chunks scored by a pool of spawned worker processes.

Spawn, not fork: it is the only start method that is safe on macOS and in a process with
threads (a forked child inherits locks held by threads that do not exist in it). Each worker
builds its analyzer once (framing.batch.worker) and writes its own parts; the parent plans the
chunks, keeps at most two per worker in flight (so memory stays flat, however large the
corpus) and records the results as they come back, in any order: the parts' names, not the
order they finish in, give the output its order.
"""

from __future__ import annotations

from typing import Callable, Iterable

from framing.batch.sources import Chunk
from framing.batch.worker import Job, PartResult, score_chunk, start
from framing.errors import FramingError


class WorkerLost(FramingError):
    """A worker process died (killed, out of memory): the run stops, its finished parts kept."""


def run(job: Job, chunks: Iterable[Chunk], jobs: int, done: Callable[[PartResult], None]) -> None:
    if jobs <= 1:
        for chunk in chunks:
            done(score_chunk(job, chunk))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=start)
    pending: set = set()

    def collect(futures) -> None:
        for future in futures:
            done(future.result())

    try:
        for chunk in chunks:
            while len(pending) >= 2 * jobs:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                collect(finished)
            pending.add(pool.submit(score_chunk, job, chunk))
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            collect(finished)
    except BrokenProcessPool:
        _stop(pool, pending, done)
        raise WorkerLost("a worker process died (killed, or out of memory); the finished parts are kept: "
                         "run the same command with --resume to continue") from None
    except BaseException:
        _stop(pool, pending, done)
        raise
    pool.shutdown()


def _stop(pool, pending: set, done: Callable[[PartResult], None]) -> None:
    """Records the chunks already finished, then ends the workers at once (Ctrl-C should not wait
    for the chunks in progress; their temporary files are removed by the next run)."""
    for future in pending:
        if future.done() and not future.cancelled() and future.exception() is None:
            done(future.result())
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)
