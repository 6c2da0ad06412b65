"""A hostile news site on loopback: feeds and pages that misbehave on demand.

Every route states the fault it injects. ``FEED_FAULTS`` and ``PAGE_FAULTS`` map each route to
the start of the error the pipeline must record for it (None: it must be ingested anyway).
Only 127.0.0.1 is ever contacted: links to other addresses must be refused before connecting.
"""
from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flows.sample_server import send_body

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
GOOD = sorted(p for p in FIXTURE_SITE.rglob("*.html") if p.name != "index.html")
HUGE = 20_000_000  # bytes; four times the fetcher's default cap

# route -> error prefix expected in feeds.last_error (None: the feed must parse and be used)
FEED_FAULTS = {
    "/feeds/500": "http 500",
    "/feeds/502": "http 502",
    "/feeds/503": "http 503",
    "/feeds/429": None,  # 429 + Retry-After: 1, then the feed: honoured and recovered
    "/feeds/timeout": "timeout",
    "/feeds/trickle": "timeout: body still arriving",
    "/feeds/reset": "connection",
    "/feeds/truncated": "connection",
    "/feeds/loop": "too many redirects",
    "/feeds/to-ftp": "refused scheme",
    "/feeds/to-metadata": "refused private address",
    "/feeds/no-content-type": None,
    "/feeds/wrong-charset": None,
    "/feeds/invalid-utf8": None,
    "/feeds/gzip-bomb": "too large",
    "/feeds/deflate-bomb": "too large",
    "/feeds/huge": "too large",
    "/feeds/billion-laughs": "not a usable feed",
    "/feeds/xxe": None,  # parses; the external entity is never resolved
    "/feeds/html": "not a feed: an HTML page",
    "/feeds/empty": None,
    "/feeds/duplicate-guids": None,
    "/feeds/bad-dates": None,
    "/feeds/enormous-titles": None,
}
# link in /feeds/pages.xml -> error prefix expected in fetch_log (None: must be loaded)
PAGE_FAULTS = {
    "/pages/500": "http 500",
    "/pages/reset": "connection",
    "/pages/slow": "timeout",
    "/pages/gzip-bomb": "too large",
    "/pages/huge": "too large",
    "/pages/loop": "too many redirects",
    "/pages/to-metadata": "refused private address",
    "/pages/invalid-utf8": None,
    "/pages/no-content-type": None,
    "/pages/latin1-undeclared": None,
    "http://10.20.30.40/admin": "refused private address",
    "http://169.254.169.254/latest/meta-data/": "refused private address",
    "file:///etc/passwd": "refused scheme",
}


@lru_cache(maxsize=None)
def bomb(kind: str) -> bytes:
    """~1 GB of zeros, compressed to about 1 MB, built in chunks (never held uncompressed)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31 if kind == "gzip" else 15)
    chunk = b"\0" * (1 << 20)
    return b"".join([c.compress(chunk) for _ in range(1024)] + [c.flush()])


def rss(base: str, items: list[tuple[str, str]], title: str = "Hostile Feed", extra: str = "") -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link if '://' in link else base + link}</link>"
        f"<guid>{link}</guid><pubDate>Wed, 10 Jul 2024 12:00:00 GMT</pubDate></item>" for t, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link><description>d</description>{extra}{body}</channel></rss>").encode()


def good(i: int, base: str, variant: str = "") -> bytes:
    """Fixture article ``i``; a ``variant`` gets canonical URLs of its own (same text, new story URL)."""
    html = GOOD[i % len(GOOD)].read_bytes()
    if variant:
        html = html.replace(b"{{BASE}}/", b"{{BASE}}/" + variant.encode() + b"/")
    return html.replace(b"{{BASE}}", base.encode())


class HostileSite:
    def __init__(self):
        self.hits: dict[str, int] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms ACK stalls

            def log_message(self, *a):
                pass

            def send(self, status=200, body=b"", ctype="application/rss+xml; charset=utf-8", headers=None):
                send_body(self, status, body, ctype, headers)

            def do_GET(self):
                try:
                    self.route()
                except OSError:  # BrokenPipe, reset, or a socket we closed on purpose
                    pass

            def finish(self):
                try:
                    super().finish()
                except (OSError, ValueError):
                    pass

            def route(self):
                path, base = self.path.split("?")[0], outer.base
                n = outer.hits[path] = outer.hits.get(path, 0) + 1
                if path == "/robots.txt":
                    return self.send(404, b"", "text/plain")
                if path == "/feeds/pages.xml":
                    items = [(f"Good {i}", f"/pages/good-{i}") for i in range(3)]
                    items += [(f"Bad {k}", k) for k in PAGE_FAULTS]
                    return self.send(body=rss(base, items, "Pages"))
                if path.startswith("/pages/good-"):
                    return self.send(body=good(int(path.rsplit("-", 1)[1]), base), ctype="text/html; charset=utf-8")
                if path in ("/feeds/500", "/feeds/502", "/feeds/503", "/pages/500"):
                    return self.send(int(path[-3:]), b"error", "text/plain")
                if path == "/feeds/429":
                    if n == 1:
                        return self.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
                    return self.send(body=rss(base, [("After 429", "/pages/good-3")]))
                if path in ("/feeds/timeout", "/pages/slow"):
                    time.sleep(2.5)
                    return self.send(body=rss(base, []))
                if path == "/feeds/trickle":
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    for _ in range(40):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.1)
                    return
                if path in ("/feeds/reset", "/pages/reset"):
                    self.send_response(200)
                    self.send_header("Content-Length", "5000")
                    self.end_headers()
                    self.wfile.write(b"<rss><channel><title>cut")
                    self.wfile.flush()
                    # SO_LINGER 0, then close every handle on the socket: the peer gets a TCP RST.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.rfile.close()
                    self.connection.close()
                    self.close_connection = True
                    return
                if path == "/feeds/truncated":
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.write(rss(base, [("Cut", "/pages/good-0")])[:200])
                    self.close_connection = True
                    return
                if path in ("/feeds/loop", "/pages/loop"):
                    return self.send(302, b"", None, {"Location": path})
                if path == "/feeds/to-ftp":
                    return self.send(302, b"", None, {"Location": "ftp://127.0.0.1/feed.xml"})
                if path in ("/feeds/to-metadata", "/pages/to-metadata"):
                    return self.send(302, b"", None, {"Location": "http://169.254.169.254/latest/meta-data/"})
                if path == "/feeds/no-content-type":
                    return self.send(body=rss(base, [("No type", "/pages/good-4")]), ctype=None)
                if path == "/feeds/wrong-charset":
                    return self.send(body=rss(base, [("Zürich – naïve", "/pages/good-0")]),
                                     ctype="application/rss+xml; charset=iso-8859-1")
                if path == "/feeds/invalid-utf8":
                    return self.send(body=rss(base, [("Bad \udcff bytes".encode("utf-8", "surrogateescape").decode(
                        "latin-1"), "/pages/good-1")]).replace(b"Bad ", b"Bad \xff\xfe "))
                if path in ("/feeds/gzip-bomb", "/pages/gzip-bomb"):
                    return self.send(body=bomb("gzip"), headers={"Content-Encoding": "gzip"})
                if path == "/feeds/deflate-bomb":
                    return self.send(body=bomb("deflate"), headers={"Content-Encoding": "deflate"})
                if path in ("/feeds/huge", "/pages/huge"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()  # no Content-Length: only the running count can stop it
                    for _ in range(HUGE // 100_000):
                        self.wfile.write(b"<p>" + b"x" * 99_993 + b"</p>\n")
                    self.close_connection = True
                    return
                if path == "/feeds/billion-laughs":
                    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
                    return self.send(body=(f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]>'
                                           f'<rss version="2.0"><channel><title>&l9;</title></channel></rss>').encode())
                if path == "/feeds/xxe":
                    return self.send(body=(
                        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        f'<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
                        f'<link>{base}/pages/good-2</link></item></channel></rss>').encode())
                if path == "/feeds/html":
                    return self.send(body=good(0, base), ctype="text/html; charset=utf-8")
                if path == "/feeds/empty":
                    return self.send(body=rss(base, [], "Empty"))
                if path == "/feeds/duplicate-guids":
                    return self.send(body=rss(base, [("Twice", "/pages/good-0"), ("Twice", "/pages/good-0")]))
                if path == "/feeds/bad-dates":
                    body = rss(base, [("Future", "/pages/good-1")]).replace(
                        b"Wed, 10 Jul 2024 12:00:00 GMT", b"Fri, 01 Jan 2100 00:00:00 GMT")
                    return self.send(body=body.replace(b"</channel>", b"<item><title>Epoch</title><link>" +
                                                       base.encode() + b"/pages/good-2</link><pubDate>Thu, 01 Jan 1970"
                                                       b" 00:00:00 GMT</pubDate></item></channel>"))
                if path == "/feeds/enormous-titles":
                    return self.send(body=rss(base, [("T" * 1_000_000, "/pages/good-2")]))
                if path == "/pages/invalid-utf8":
                    return self.send(body=good(0, base, "v1").replace(b"</h1>", b"\xff\xfe\xfd</h1>"),
                                     ctype="text/html; charset=utf-8")
                if path == "/pages/no-content-type":
                    return self.send(body=good(1, base, "v2"), ctype=None)
                if path == "/pages/latin1-undeclared":
                    html = good(2, base, "v3").decode("utf-8").replace('<meta charset="utf-8">', "")
                    return self.send(body=html.encode("latin-1", "replace"), ctype="text/html")
                return self.send(404, b"missing", "text/plain")

        bomb("gzip"), bomb("deflate")  # built before serving: building one takes a few seconds
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return path if "://" in path else self.base + path

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()
