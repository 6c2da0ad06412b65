"""The single writer: short write windows, and a journal on disk while the file is locked.

DuckDB lets one process write a file, and a reader holding it open blocks that writer. So the
flow never holds the database for a whole run: it opens it for each batch of writes and closes
it again. When another process holds the file (an analyst's session, an overlapping run), the
batch goes to a journal beside the database (``<db>.journal/``), one pickle per batch written
atomically, and is replayed in order, before anything else, by the next write that gets the
file — later in the same run, or in the next run. Every replayed operation is an idempotent
load, so replaying a batch twice (after a crash between load and unlink) changes nothing.
"""
from __future__ import annotations

import os
import pickle
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import duckdb

from warehouse import load
from warehouse.db import WarehouseError, connect, default_db_path

JOURNAL_VERSION = 1
OPS: dict[str, Callable] = {
    name: getattr(load, name)
    for name in ("start_run", "finish_run", "log_fetches", "load_article", "load_articles", "record_entries",
                 "record_feeds_entries", "record_feed_poll", "record_feed_polls")
}


WRITER_THREADS = int(os.environ.get("STANCEWIRE_WRITER_THREADS", "1"))


class DatabaseLocked(WarehouseError):
    """Another process holds the DuckDB file; ``holder`` says which (as DuckDB reports it)."""

    def __init__(self, path: Path, holder: str):
        self.path, self.holder = path, holder
        super().__init__(f"{path} is locked by {holder}")


def lock_holder(message: str) -> str:
    m = re.search(r"lock is held in (.+?) \(PID (\d+)\)", message)
    return f"PID {m.group(2)} ({m.group(1)})" if m else "another process"


@contextmanager
def open_db(path: Path, wait: float = 0.0, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying for up to ``wait`` seconds while another process holds it."""
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con = connect(path, read_only=read_only)
            break
        except WarehouseError as exc:
            if "in use by another process" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(Path(path), lock_holder(str(exc))) from exc
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
            delay = min(delay * 2, 1.0)
    try:
        yield con
    finally:
        con.close()


class Writer:
    """Applies batches of load operations to the database, or journals them while it is locked."""

    def __init__(self, path: str | os.PathLike | None = None, *, batch_wait: float = 2.0):
        self.path = Path(path) if path else default_db_path()
        self.journal_dir = self.path.with_name(self.path.name + ".journal")
        self.batch_wait = batch_wait
        self.holder: str | None = None  # who held the lock, the last time we met it
        self._seq = 0

    # -- journal ------------------------------------------------------------------------------
    def pending(self) -> list[Path]:
        return sorted(self.journal_dir.glob("*.batch")) if self.journal_dir.is_dir() else []

    def _stage(self, ops: list[tuple[str, tuple, dict]]) -> Path:
        self.journal_dir.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        name = f"{time.time_ns():020d}-{os.getpid()}-{self._seq:06d}.batch"
        tmp = self.journal_dir / (name + ".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((JOURNAL_VERSION, ops), fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.journal_dir / name)
        return self.journal_dir / name

    def _replay(self, con: duckdb.DuckDBPyConnection) -> int:
        replayed = 0
        for f in self.pending():
            try:
                version, ops = pickle.loads(f.read_bytes())
            except Exception as exc:
                raise WarehouseError(f"journal batch {f} cannot be read ({exc}); move it aside to continue") from exc
            if version != JOURNAL_VERSION:
                raise WarehouseError(f"journal batch {f} has version {version}, expected {JOURNAL_VERSION}")
            for name, args, kwargs in ops:
                OPS[name](con, *args, **kwargs)
            f.unlink()
            replayed += 1
        return replayed

    # -- writing ------------------------------------------------------------------------------
    def apply(self, ops: list[tuple[str, tuple, dict]], wait: float | None = None) -> list[Any] | None:
        """Apply ``ops`` (name, args, kwargs) in order after any journaled batches.

        Returns each op's result, or None when the file stayed locked and the batch was journaled.
        """
        for name, _, _ in ops:
            if name not in OPS:
                raise ValueError(f"unknown warehouse operation {name!r}")
        try:
            with open_db(self.path, self.batch_wait if wait is None else wait) as con:
                # One DuckDB thread: a window's statements are small, the extraction workers have
                # the cores, and each extra thread's buffers add to the writer's transient peaks.
                con.execute(f"SET threads = {WRITER_THREADS}")
                self._replay(con)
                return [OPS[name](con, *args, **kwargs) for name, args, kwargs in ops]
        except DatabaseLocked as exc:
            self.holder = exc.holder
            if ops:
                self._stage(ops)
            return None

    def flush(self, wait: float) -> int:
        """Replay journaled batches, waiting up to ``wait`` seconds for the lock; returns how many remain."""
        if self.pending():
            self.apply([], wait=wait)
        return len(self.pending())

    def read(self, fn: Callable[[duckdb.DuckDBPyConnection], Any], wait: float | None = None) -> Any:
        """Run a read with the file open (replaying the journal first); raises DatabaseLocked."""
        with open_db(self.path, self.batch_wait if wait is None else wait) as con:
            self._replay(con)
            return fn(con)
