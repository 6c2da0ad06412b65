#!/usr/bin/env python3
"""A generated news site for the benchmark: N article pages spread over K feeds, made on the fly.

Pages are the bundled sample's templates (four fictional outlets, with their navigation, banners,
share bars, related lists and footers), each with a longer body drawn from the sample's own
paragraphs and a realistic inline analytics blob, so they weigh about what real news pages weigh.
Everything is deterministic in (article number). Run it in its own process so that serving is not
the bottleneck of what is measured:

    python scripts/benchsite.py --n 10000 --feeds 1000 --port 8790
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from flows.sample_server import send_body

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"
START = datetime(2023, 6, 1, tzinfo=timezone.utc)


def load_templates() -> tuple[list[dict], list[str]]:
    manifest = json.loads((SAMPLE / "manifest.json").read_text())
    templates, pool = [], []
    for a in manifest["articles"]:
        html = (SAMPLE / "site" / a["path"]).read_text(encoding="utf-8")
        paras = a["text"].split("\n\n")
        pool += paras
        first, last = html.find(paras[0][:40]), html.rfind(paras[-1][-40:])
        if first < 0 or last < 0:
            continue
        open_at = html.rfind("<p", 0, first)
        close_at = html.find("</p>", last) + len("</p>")
        tag = html[open_at:html.find(">", open_at) + 1]
        templates.append({"head": html[:open_at], "tail": html[close_at:], "tag": tag, "path": a["url_path"]})
    return templates, pool


TEMPLATES, POOL = load_templates()
BLOB = "window.__ANALYTICS__ = " + json.dumps({"k%04d" % i: "v" * 24 for i in range(900)}) + ";"


DATE_RX = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)")
for _t in TEMPLATES:  # once per template: dates and the page's own path become placeholders
    _t["head"] = DATE_RX.sub("{{DATE}}", _t["head"].replace(_t["path"], "{{PATH}}")).replace(
        "</head>", f"<script>{BLOB}</script></head>", 1)
    _t["tail"] = DATE_RX.sub("{{DATE}}", _t["tail"].replace(_t["path"], "{{PATH}}"))


def page(i: int, base: str) -> bytes:
    rng = random.Random(i)
    t = TEMPLATES[i % len(TEMPLATES)]
    body = "\n".join(f"{t['tag']}{p}</p>" for p in rng.sample(POOL, k=rng.randint(10, 16)))
    when = (START + timedelta(hours=i * 9 % (400 * 24))).isoformat()
    html = t["head"] + body + t["tail"]
    return (html.replace("{{PATH}}", f"/articles/{i}.html").replace("{{DATE}}", when)
            .replace("{{BASE}}", base).encode())


def feed(k: int, n: int, feeds: int, base: str) -> bytes:
    items = []
    for i in range(k, n, feeds):
        when = START + timedelta(hours=i * 9 % (400 * 24))
        items.append(f"<item><title>Story {i}</title><link>{base}/articles/{i}.html?utm_source=rss</link>"
                     f"<guid>{base}/articles/{i}.html</guid><pubDate>{format_datetime(when)}</pubDate></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench feed {k}</title>'
            f"<link>{base}/</link><description>generated</description>{''.join(items)}</channel></rss>").encode()


def serve(n: int, feeds: int, port: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms ACK stalls

        def log_message(self, *a):
            pass

        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            path = self.path.split("?")[0]
            m = re.fullmatch(r"/(articles|feeds)/(\d+)\.(html|xml)", path)
            if not m or (m.group(1) == "articles" and int(m.group(2)) >= n) or \
                    (m.group(1) == "feeds" and int(m.group(2)) >= feeds):
                return self.reply(404, b"missing", "text/plain")
            num = int(m.group(2))
            if m.group(1) == "feeds":
                etag = '"%s"' % hashlib.sha1(f"{n}/{feeds}/{num}".encode()).hexdigest()[:16]
                if self.headers.get("If-None-Match") == etag:
                    return self.reply(304, b"", None, {"ETag": etag})
                return self.reply(200, feed(num, n, feeds, base), "application/rss+xml; charset=utf-8", {"ETag": etag})
            return self.reply(200, page(num, base), "text/html; charset=utf-8")

        def reply(self, status, body, ctype, headers=None):
            send_body(self, status, body, ctype, headers)

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    print(f"ready http://127.0.0.1:{httpd.server_address[1]}", flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()
    serve(a.n, a.feeds, a.port)
    sys.exit(0)
