"""Rows handed to DuckDB as a registered relation of NumPy object columns: an order of magnitude
faster than ``executemany``, and the one place the loader and the page store build it."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Sequence

import duckdb


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, view: str, columns: Sequence[str], rows: list[tuple]) -> Iterator[str]:
    """``rows`` as the relation ``view`` on ``con`` for the duration of the block. Consume every
    result that reads it inside the block (a pending result must not outlive the view)."""
    import numpy as np  # here, not at import: most commands that open the warehouse never load rows

    data = {}
    for name, values in zip(columns, zip(*rows)):
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        data[name] = arr
    con.register(view, data)
    try:
        yield view
    finally:
        con.unregister(view)
