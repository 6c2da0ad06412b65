"""Polling policy: how often to poll a feed, from how often it actually changes. Pure functions."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

DEFAULT_INTERVAL_S = 1800  # the schedule's own rhythm: every 30 minutes
MIN_INTERVAL_S = 900
MAX_INTERVAL_S = 86400
BACKOFF = 1.5  # each poll that brings nothing new stretches the interval


def mean_entry_interval(dates: Iterable[datetime | None], newest: int = 20) -> float | None:
    """Mean gap in seconds between the newest entries' dates; None with fewer than two dates."""
    ds = sorted((d for d in dates if d is not None), reverse=True)[:newest]
    if len(ds) < 2:
        return None
    span = (ds[0] - ds[-1]).total_seconds()
    return span / (len(ds) - 1) if span > 0 else None


def next_interval(mean_interval_s: float | None, previous_s: int | None, new_entries: int) -> int:
    """Seconds until the next poll.

    A feed that brings something new is polled at half its usual gap between entries (within
    15 minutes and a day); one that brings nothing (or answers 304) backs off by 1.5× a poll, up
    to a day, so quiet feeds cost little and busy ones are not missed.
    """
    base = DEFAULT_INTERVAL_S if mean_interval_s is None else mean_interval_s / 2
    base = int(min(max(base, MIN_INTERVAL_S), MAX_INTERVAL_S))
    if new_entries > 0 or previous_s is None:
        return base
    return int(min(max(previous_s, base) * BACKOFF, MAX_INTERVAL_S))
