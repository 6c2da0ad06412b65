"""Orchestration and I/O: Prefect flows and tasks, HTTP fetching, the loopback sample server, the CLI."""
