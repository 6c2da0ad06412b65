"""The warehouse: the only code that talks to DuckDB (schema, loading, trend queries)."""
from warehouse.db import DEFAULT_DB, connect, default_db_path, WarehouseError

__all__ = ["DEFAULT_DB", "connect", "default_db_path", "WarehouseError"]
