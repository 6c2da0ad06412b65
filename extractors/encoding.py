"""Turn a fetched HTML body (bytes) into text, choosing the right character encoding."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# Labels that browsers treat as windows-1252 (WHATWG encoding standard).
_LATIN1 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
           "windows-1252", "cp1252", "iso-8859-15", "latin-9"}


def _norm(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if label in _LATIN1 or name in ("latin-1", "iso8859-1", "ascii", "cp1252"):
        return "windows-1252"  # browsers decode ISO-8859-1 as windows-1252 (superset)
    return name


def _try(body: bytes, enc: str | None) -> str | None:
    if not enc:
        return None
    if enc == "windows-1252":
        # A page labelled Latin-1 that is really UTF-8 is the most common mislabel on the web.
        if any(b > 0x7F for b in body[:200000]):
            try:
                return body.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return body.decode("cp1252", errors="replace").replace("\ufffd", "")  # cp1252 has 5 holes
    try:
        return body.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    results = from_bytes(body[:400000])
    best = results.best()
    if best is None:
        return None
    # On short pages several single-byte code pages fit equally well; prefer the commonest
    # Western one when it is (nearly) as clean as the winner.
    for match in results:
        if match.encoding in ("cp1252", "latin_1", "iso8859_15") and match.chaos <= best.chaos + 0.02 \
                and match.coherence >= best.coherence - 0.1:
            return "windows-1252"
    return best.encoding


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML body: HTTP charset, then BOM, then <meta charset>, then detection.

    A declared charset under which the body does not decode is treated as wrong and skipped;
    a page labelled ISO-8859-1/windows-1252 that is valid UTF-8 is decoded as UTF-8. Never raises.
    """
    if isinstance(body, str):
        return body
    body = bytes(body or b"")
    if not body:
        return ""
    mark, bom = next(((m, e) for m, e in _BOMS if body.startswith(m)), (b"", None))
    http = None
    if content_type:
        m = _CT_CHARSET.search(content_type)
        http = _norm(m.group(1)) if m else None
    if bom:
        # A byte-order mark is unambiguous (WHATWG gives it precedence): a header that
        # disagrees with it is wrong.
        text = _try(body[len(mark):], bom)
        if text is not None:
            return text
    text = _try(body, http)
    if text is not None:
        return text
    m = _META_CHARSET.search(body[:8192])
    meta = _norm(m.group(1).decode("ascii", "ignore")) if m else None
    if meta in ("utf-16", "utf-16-le", "utf-16-be"):  # an ASCII-readable page cannot be UTF-16
        meta = "utf-8"
    text = _try(body, meta)
    if text is not None:
        return text
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _try(body, _norm(_detect(body)))
    if text is not None:
        return text
    return body.decode("utf-8", errors="replace")
