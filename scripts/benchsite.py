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
import asyncio
import hashlib
import json
import random
import re
import socket
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path


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


REASONS = {200: "OK", 304: "Not Modified", 404: "Not Found"}
ROUTE = re.compile(r"/(articles|feeds)/(\d+)\.(html|xml)")


def respond(target: str, if_none_match: str | None, n: int, feeds: int, base: str) -> bytes:
    """The whole HTTP/1.1 response to GET ``target``."""
    status, body, headers = 404, b"missing", {"Content-Type": "text/plain"}
    m = ROUTE.fullmatch(target.split("?")[0])
    if m and int(m.group(2)) < (n if m.group(1) == "articles" else feeds):
        num = int(m.group(2))
        if m.group(1) == "articles":
            status, body, headers = 200, page(num, base), {"Content-Type": "text/html; charset=utf-8"}
        else:
            etag = '"%s"' % hashlib.sha1(f"{n}/{feeds}/{num}".encode()).hexdigest()[:16]
            if if_none_match == etag:
                status, body, headers = 304, b"", {"ETag": etag}
            else:
                status, body = 200, feed(num, n, feeds, base)
                headers = {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag}
    head = f"HTTP/1.1 {status} {REASONS[status]}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def serve(n: int, feeds: int, port: int) -> None:
    """Serve on 127.0.0.1 with asyncio, keep-alive, GET only: ~0.05 ms of CPU a request besides
    making the page (http.server took ~0.15 ms, and this process shares the cores being measured)."""
    class Connection(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.buf = transport, b""
            transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def data_received(self, data):
            self.buf += data
            while (end := self.buf.find(b"\r\n\r\n")) >= 0:
                head, self.buf = self.buf[:end].decode("latin-1"), self.buf[end + 4:]
                lines = head.split("\r\n")
                target = lines[0].split(" ")[1] if lines[0].count(" ") >= 2 else "/"
                inm = next((line.split(":", 1)[1].strip() for line in lines[1:]
                            if line.lower().startswith("if-none-match:")), None)
                self.transport.write(respond(target, inm, n, feeds, base))

    async def main() -> None:
        nonlocal base
        server = await asyncio.get_running_loop().create_server(Connection, "127.0.0.1", port)
        base = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        print(f"ready {base}", flush=True)
        await server.serve_forever()

    base = ""
    asyncio.run(main())


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()
    serve(a.n, a.feeds, a.port)
    sys.exit(0)
