"""A loopback HTTP server whose routes misbehave on demand (127.0.0.1 only)."""
from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from flows.sample_server import send_body


class FaultServer:
    """Routes: /ok, /status/N, /flaky/N (fails N times with 503, then 200), /retry-after,
    /big (10 MB), /slow (sleeps past a read timeout), /loop (redirect loop), /etag, /to-file,
    /hop/N (N redirects, relative, then /ok), /gzip (a gzip-encoded page). Any other path, or an
    absolute URL as a proxy receives it, is a 404 whose body is the request line's target."""

    def __init__(self):
        self.hits: Counter = Counter()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _send(self, status, body=b"", headers=None):
                send_body(self, status, body, None, headers)

            def do_GET(self):
                path = self.path
                outer.hits[path] += 1
                n = outer.hits[path]
                if path == "/ok":
                    self._send(200, b"<html><body><p>fine</p></body></html>", {"Content-Type": "text/html"})
                elif path.startswith("/status/"):
                    self._send(int(path.rsplit("/", 1)[1]), b"nope")
                elif path.startswith("/flaky/"):
                    fails = int(path.rsplit("/", 1)[1])
                    self._send(503 if n <= fails else 200, b"busy" if n <= fails else b"recovered")
                elif path == "/retry-after":
                    self._send(429 if n == 1 else 200, b"slow down" if n == 1 else b"ok", {"Retry-After": "1"})
                elif path == "/big":
                    self.send_response(200)
                    self.end_headers()  # no Content-Length: the cap must stop the read
                    for _ in range(100):
                        self.wfile.write(b"x" * 100_000)
                elif path == "/slow":
                    time.sleep(3)
                    self._send(200, b"late")
                elif path == "/loop":
                    self._send(302, b"", {"Location": "/loop"})
                elif path == "/to-metadata":
                    self._send(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})
                elif path == "/trickle":
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    try:
                        for _ in range(60):  # 60 bytes over ~6 s, bounded
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(0.1)
                    except OSError:
                        pass
                elif path.startswith("/hop/"):
                    left = int(path.rsplit("/", 1)[1])
                    self._send(301 if left % 2 else 307, b"moved", {"Location": f"/hop/{left - 1}" if left > 1 else "/ok"})
                elif path == "/gzip":
                    self._send(200, gzip.compress(b"<html><body><p>zipped fine</p></body></html>"),
                               {"Content-Type": "text/html", "Content-Encoding": "gzip"})
                elif path == "/to-file":
                    self._send(302, b"", {"Location": "file:///etc/passwd"})
                elif path == "/etag":
                    if self.headers.get("If-None-Match") == '"v1"':
                        self._send(304, b"", {"ETag": '"v1"'})
                    else:
                        self._send(200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Mon, 01 Jul 2024 00:00:00 GMT"})
                else:
                    self._send(404, path.encode())

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()
