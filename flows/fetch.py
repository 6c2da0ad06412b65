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
    disallowed by robots.txt    the site asks crawlers like us not to fetch that path
    refused private address     a link (or redirect) to a private/loopback/link-local address
                                that is not the linking feed's own host
    http 429 (Retry-After Ns)   asked to come back later than we wait within one run

Politeness: a User-Agent that names us, ``per_host`` concurrent requests and ``min_delay``
seconds between requests to one host, robots.txt read once per host and honoured, Retry-After
honoured on 429/503.
"""
from __future__ import annotations

import email.utils
import ipaddress
import random
import socket
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies, proxy_bypass
from urllib.robotparser import RobotFileParser

import certifi
import urllib3
from urllib3.exceptions import DecodeError, HTTPError, LocationValueError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from warehouse.records import FetchAttempt

USER_AGENT = "stancewire/0.1 (+https://github.com/stancewire/stancewire; news stance research)"
TRANSIENT_STATUS = {429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}


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
    min_delay: float = 1.0  # seconds between the starts of two requests to one host
    respect_robots: bool = True
    total_timeout: float = 60.0  # whole-request deadline: a server that trickles bytes is cut off
    allow_private_hosts: bool = False  # fetch private/loopback/link-local addresses from any feed

    @classmethod
    def from_mapping(cls, settings: dict | None, **overrides) -> "FetchConfig":
        """From a topic's ``[fetch]`` table (already validated) plus explicit overrides."""
        known = {f.name for f in fields(cls)}
        given = {k: v for k, v in overrides.items() if v is not None}  # None: no override, the topic decides
        merged = {k: v for k, v in {**(settings or {}), **given}.items() if k in known}
        return cls(**merged)


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


class _Refused(Exception):
    pass


_PRIVATE = threading.local()  # the origin a request may reach privately (set per request, per thread)


def private_address(host: str) -> str | None:
    """The private, loopback, link-local or otherwise non-public address ``host`` resolves to, if any."""
    host = host.strip("[]")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            addresses = [ipaddress.ip_address(info[4][0].split("%")[0])
                         for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]
        except (socket.gaierror, UnicodeError, ValueError):
            return None  # unresolvable: the connection attempt will fail and say so
    for a in addresses:
        if not a.is_global or a.is_multicast:
            return str(a)
    return None


def _guard(host: str) -> None:
    """Run for the first request and every redirect: refuse private targets."""
    allowed_host = getattr(_PRIVATE, "host", None)
    host = host.lower()
    if getattr(_PRIVATE, "any", False) or host == allowed_host:
        return
    address = private_address(host)
    if address is not None:
        raise _Refused(f"refused private address: {host} is {address} (not the feed's own host; "
                       f"set allow_private_hosts in the topic to allow)")


def _retry_after(value: str | None, cap: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), capped at ``cap``."""
    if not value:
        return None
    value = value.strip()
    cap = float("inf") if cap is None else cap
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

    def __init__(self, config: FetchConfig | None = None):
        self.config = cfg = config or FetchConfig()
        # urllib3 rather than httpx: ~0.3 instead of ~0.65 ms of CPU a request, which is most of the
        # flow process's CPU on a run of many small feeds. Redirects are followed here, one hop at a
        # time, so that every hop passes the scheme and private-address checks.
        options = dict(num_pools=100, maxsize=cfg.per_host + 2, block=False, retries=False,
                       timeout=urllib3.Timeout(connect=cfg.connect_timeout, read=cfg.read_timeout),
                       headers={"User-Agent": cfg.user_agent, "Accept-Encoding": "gzip, deflate"},
                       cert_reqs="CERT_REQUIRED", ca_certs=certifi.where())
        self._direct = urllib3.PoolManager(**options)
        # the proxies of the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as httpx honoured them
        self._proxies = {scheme: urllib3.ProxyManager(url, **options) for scheme, url in getproxies().items()
                         if scheme in ("http", "https") and url.lower().startswith(("http://", "https://"))}
        self._host_locks: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(cfg.per_host))
        self._next_slot: dict[str, float] = defaultdict(float)
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()
        self._rng = random.Random()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._direct.clear()
        for manager in self._proxies.values():
            manager.clear()

    def _manager(self, scheme: str, host: str) -> urllib3.PoolManager:
        proxy = self._proxies.get(scheme)
        return proxy if proxy is not None and not proxy_bypass(host) else self._direct

    def _host_lock(self, url: str) -> threading.Semaphore:
        with self._guard:
            return self._host_locks[urlsplit(url).netloc.lower()]

    def _wait_turn(self, url: str) -> None:
        """Keep ``min_delay`` seconds between the starts of requests to one host."""
        if self.config.min_delay <= 0:
            return
        host = urlsplit(url).netloc.lower()
        with self._guard:
            now = time.monotonic()
            start = max(now, self._next_slot[host])
            self._next_slot[host] = start + self.config.min_delay
        if start > now:
            time.sleep(start - now)

    def robots_allows(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our User-Agent fetch it (read once per host).

        A missing robots.txt (4xx) allows everything; one that cannot be fetched (5xx, timeout)
        allows too, and is tried again on the next run.
        """
        if not self.config.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._robots_locks[origin]:
            if origin not in self._robots:
                self._wait_turn(origin)
                status, _, _, body, _, _ = self._once(origin + "/robots.txt", {})
                parser = None
                if status is not None and 200 <= status < 300 and body is not None:
                    parser = RobotFileParser()
                    parser.parse(body.decode("utf-8", "replace").splitlines())
                self._robots[origin] = parser
            parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.config.user_agent, url)

    def _once(self, url: str, headers: dict) -> tuple[int | None, str | None, dict, bytes | None, str | None, int]:
        """One attempt, redirects followed: (status, final_url, headers, body, error, bytes_read)."""
        cap = self.config.max_bytes
        deadline = time.monotonic() + self.config.total_timeout
        try:
            for _ in range(self.config.max_redirects + 1):
                parts = urlsplit(url)
                scheme = parts.scheme.lower()
                if scheme not in ("http", "https"):
                    return None, None, {}, None, f"refused scheme: {scheme or 'none'!r} (redirected to {url})", 0
                _guard(parts.hostname or "")
                resp = self._manager(scheme, parts.hostname or "").request(
                    "GET", url, headers=headers or None, redirect=False, preload_content=False)
                reusable = False  # read to its end: the connection goes back to the pool
                try:
                    location = resp.headers.get("location") if resp.status in REDIRECT_STATUS else None
                    if location:
                        url = urljoin(url, location.strip())
                        declared = resp.headers.get("content-length")
                        if declared and declared.isdigit() and int(declared) <= 65536:
                            resp.drain_conn()
                            reusable = True
                        continue
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > cap:
                        raise _TooLarge(f"too large: Content-Length {declared} over the {cap:,}-byte cap")
                    chunks, size = [], 0
                    # read1: what has arrived (stream() waits for full chunks, and a server trickling
                    # bytes would never reach the deadline check)
                    while chunk := resp.read1(65536, decode_content=True):
                        size += len(chunk)
                        if size > cap:
                            raise _TooLarge(f"too large: body over the {cap:,}-byte cap")
                        if time.monotonic() > deadline:
                            return None, None, {}, None, (f"timeout: body still arriving after "
                                                          f"{self.config.total_timeout:g} s"), size
                        chunks.append(chunk)
                    reusable = True
                    error = None if resp.status < 400 else f"http {resp.status}"
                    return (resp.status, url, {k.lower(): resp.headers[k] for k in resp.headers}, b"".join(chunks),
                            error, size)
                finally:
                    if not reusable:
                        resp.close()  # a body left unread: the connection is closed, not reused
                    resp.release_conn()
            return None, None, {}, None, f"too many redirects (over {self.config.max_redirects})", 0
        except _TooLarge as exc:
            return None, None, {}, None, str(exc), cap
        except _Refused as exc:
            return None, None, {}, None, str(exc), 0
        except NewConnectionError as exc:  # (a subclass of urllib3's connect timeout, for history's sake)
            return None, None, {}, None, f"connection: {type(exc).__name__}: {exc}", 0
        except Urllib3Timeout as exc:
            return None, None, {}, None, f"timeout: {type(exc).__name__}", 0
        except DecodeError as exc:
            return None, None, {}, None, f"bad content encoding: {exc}", 0
        except (HTTPError, LocationValueError, OSError, ValueError) as exc:
            return None, None, {}, None, f"connection: {type(exc).__name__}: {exc}".rstrip(": "), 0

    def get(self, url: str, kind: str = "page", *, etag: str | None = None, last_modified: str | None = None,
            origin: str | None = None) -> FetchResult:
        """GET with retries for transient failures. Conditional when ``etag``/``last_modified`` given.

        Private, loopback and link-local addresses are refused (on every redirect too) unless the
        config allows them or they are the host of ``origin`` (the feed that linked here; a feed's
        own URL is its origin).
        """
        cfg = self.config
        _PRIVATE.any = cfg.allow_private_hosts
        _PRIVATE.host = (urlsplit(origin or url).hostname or "").lower()
        scheme = urlsplit(url).scheme.lower()
        now = datetime.now(timezone.utc)
        if scheme not in ("http", "https"):
            err = f"refused scheme: {scheme or 'none'!r} (only http and https are fetched)"
            attempt = FetchAttempt(kind=kind, url=url, fetched_at=now, error=err)
            return FetchResult(url, kind, None, None, {}, None, err, now, (attempt,))
        if not self.robots_allows(url):
            err = "disallowed by robots.txt"
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
                self._wait_turn(url)
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
                delay = _retry_after(resp_headers.get("retry-after"), None)
                if delay is not None and delay > cfg.max_retry_after:
                    error = f"http {status} (Retry-After {delay:.0f}s: left for a later run)"
                    attempts[-1] = FetchAttempt(**{**attempts[-1].__dict__, "error": error})
                    break
                if delay is None:
                    delay = cfg.backoff * (2 ** (n - 1)) * (1 + self._rng.random() / 2)
                time.sleep(delay)
        return FetchResult(url, kind, status, final_url, resp_headers, body, error, fetched_at, tuple(attempts))
