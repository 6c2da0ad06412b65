"""A loopback HTTP server for the bundled sample corpus (and the tests' fixture sites).

Serves a directory; in ``.xml``/``.atom``/``.html`` files the placeholder ``{{BASE}}`` becomes
the server's origin (``http://127.0.0.1:PORT``). Answers conditional GETs (ETag and
Last-Modified) like a well-behaved news site, so a second poll of an unchanged feed gets 304.
Binds to 127.0.0.1 only.
"""
from __future__ import annotations

import hashlib
import mimetypes
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
TEMPLATED = {".xml", ".rss", ".atom", ".html"}
# A fixed Last-Modified for every file: the corpus is static, and a fixed value keeps runs reproducible.
LAST_MODIFIED = formatdate(1719792000, usegmt=True)  # 2024-07-01


class _Handler(BaseHTTPRequestHandler):
    server_version = "stancewire-sample/1"
    root: Path
    base: str

    def log_message(self, format, *args):  # quiet: the fetch log records every request
        pass

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if path.endswith("/"):
            target = target / "index.html"
        if not target.is_relative_to(self.root) or not target.is_file():
            self._send(404, b"not found\n", "text/plain; charset=utf-8")
            return
        body = target.read_bytes()
        if target.suffix in TEMPLATED:
            body = body.replace(b"{{BASE}}", self.base.encode())
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        if self.headers.get("If-None-Match") == etag or (
            not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            return
        ctype = CONTENT_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, body, ctype, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None):
        send_body(self, status, body, ctype, extra)


def send_body(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", ctype: str | None = None,
              headers: dict | None = None) -> None:
    """One whole response from an http.server handler: status, Content-Type (when given), the
    extra headers, Content-Length and the body. Shared by every loopback server of the project."""
    handler.send_response(status)
    if ctype:
        handler.send_header("Content-Type", ctype)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class SampleServer:
    """Serve ``root`` on ``127.0.0.1:port`` (0 picks a free port) in a background thread."""

    def __init__(self, root: str | Path, port: int = 0):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"no sample site at {self.root}")
        handler = type("Handler", (_Handler,), {"root": self.root, "base": ""})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        handler.base = self.base
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="sample-server", daemon=True)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def start(self) -> "SampleServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "SampleServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """``python -m flows.sample_server [--port 8765] [--root DIR]``: serve until interrupted."""
    import argparse
    import time

    from flows.config import SAMPLE_SITE

    ap = argparse.ArgumentParser(prog="python -m flows.sample_server", description=main.__doc__)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--root", default=str(SAMPLE_SITE), help="the site to serve (default: the bundled sample)")
    args = ap.parse_args(argv)
    with SampleServer(args.root, port=args.port) as server:
        print(f"Serving {server.root} at {server.base} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
