"""HTTP fetching: timeouts, a size cap, a User-Agent, bounded retries with backoff, conditional GET.

Failures never raise out of :meth:`Fetcher.get`: every attempt comes back as a
:class:`warehouse.load.FetchAttempt` row, and the result says whether a usable body arrived.

Errors, as recorded in ``fetch_log.error``::

    http 404 / http 500 ...     the server answered with that status
    timeout: ...                connect or read timed out
    connection: ...             refused, reset, DNS, TLS
    too large: ...              body over the size cap (``max_bytes``), read no further
    refused scheme: ...         not http(s)
    too many redirects          more than ``max_redirects``
"""
from __future__ import annotations

import email.utils
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from warehouse.records import FetchAttempt

USER_AGENT = "stancewire/0.1 (+https://github.com/stancewire/stancewire; news stance research)"
TRANSIENT_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchConfig:
    user_agent: str = USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_bytes: int = 5_000_000
    retries: int = 2  # extra attempts after the first, for transient failures only
    backoff: float = 0.5  # seconds; doubled each retry, with jitter
    max_retry_after: float = 30.0  # longest Retry-After we wait for within a run
    max_redirects: int = 5
    per_host: int = 2  # concurrent requests per host


@dataclass(frozen=True)
class FetchResult:
    url: str
    kind: str
    status: int | None
    final_url: str | None
    headers: dict
    body: bytes | None
    error: str | None
    fetched_at: datetime
    attempts: tuple[FetchAttempt, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _TooLarge(Exception):
    pass


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, min((when - datetime.now(timezone.utc)).total_seconds(), cap))


class Fetcher:
    """A thread-safe HTTP client for feeds and pages. Use as a context manager."""

    def __init__(self, config: FetchConfig | None = None, *, transport: httpx.BaseTransport | None = None):
        self.config = cfg = config or FetchConfig()
        self._client = httpx.Client(
            headers={"User-Agent": cfg.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(cfg.read_timeout, connect=cfg.connect_timeout),
            follow_redirects=True,
            max_redirects=cfg.max_redirects,
            transport=transport,
        )
        self._host_locks: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(cfg.per_host))
        self._guard = threading.Lock()
        self._rng = random.Random()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _host_lock(self, url: str) -> threading.Semaphore:
        with self._guard:
            return self._host_locks[urlsplit(url).netloc.lower()]

    def _once(self, url: str, headers: dict) -> tuple[int | None, str | None, dict, bytes | None, str | None, int]:
        """One attempt: (status, final_url, headers, body, error, bytes_read)."""
        cap = self.config.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise _TooLarge(f"too large: Content-Length {declared} over the {cap:,}-byte cap")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise _TooLarge(f"too large: body over the {cap:,}-byte cap")
                    chunks.append(chunk)
                body = b"".join(chunks)
                error = None if resp.status_code < 400 else f"http {resp.status_code}"
                return resp.status_code, str(resp.url), dict(resp.headers), body, error, size
        except _TooLarge as exc:
            return None, None, {}, None, str(exc), cap
        except httpx.TooManyRedirects:
            return None, None, {}, None, f"too many redirects (over {self.config.max_redirects})", 0
        except httpx.UnsupportedProtocol as exc:
            return None, None, {}, None, f"refused scheme: {exc}", 0
        except httpx.TimeoutException as exc:
            return None, None, {}, None, f"timeout: {type(exc).__name__}", 0
        except httpx.DecodingError as exc:
            return None, None, {}, None, f"bad content encoding: {exc}", 0
        except (httpx.TransportError, httpx.InvalidURL, ValueError) as exc:
            return None, None, {}, None, f"connection: {type(exc).__name__}: {exc}".rstrip(": "), 0

    def get(self, url: str, kind: str = "page", *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET with retries for transient failures. Conditional when ``etag``/``last_modified`` given."""
        cfg = self.config
        scheme = urlsplit(url).scheme.lower()
        now = datetime.now(timezone.utc)
        if scheme not in ("http", "https"):
            err = f"refused scheme: {scheme or 'none'!r} (only http and https are fetched)"
            attempt = FetchAttempt(kind=kind, url=url, fetched_at=now, error=err)
            return FetchResult(url, kind, None, None, {}, None, err, now, (attempt,))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = []
        with self._host_lock(url):
            for n in range(1, cfg.retries + 2):
                started = time.monotonic()
                fetched_at = datetime.now(timezone.utc)
                status, final_url, resp_headers, body, error, size = self._once(url, headers)
                attempts.append(FetchAttempt(
                    kind=kind, url=url, fetched_at=fetched_at, status=status, error=error, final_url=final_url,
                    bytes=size, elapsed_ms=round((time.monotonic() - started) * 1000, 1), attempt=n))
                transient = status in TRANSIENT_STATUS or (status is None and error is not None and
                                                           error.startswith(("timeout", "connection")))
                if not transient or n > cfg.retries:
                    break
                delay = _retry_after(resp_headers.get("retry-after"), cfg.max_retry_after)
                if delay is None:
                    delay = cfg.backoff * (2 ** (n - 1)) * (1 + self._rng.random() / 2)
                time.sleep(delay)
        return FetchResult(url, kind, status, final_url, resp_headers, body, error, fetched_at, tuple(attempts))
