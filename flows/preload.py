"""Imported by the extraction pool's fork server before it forks any worker (see
flows.workers.extraction_pool): the extractors, and what they load on first use, are then in
memory once, and each worker starts with them (copy-on-write) instead of loading them itself."""
from flows.process import warm

warm()
