"""URL canonicalisation for de-duplicating fetched articles."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset({
    "ref", "ref_src", "ref_url", "referrer", "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "cmpid", "cmp", "icid", "ito", "itm_source", "itm_medium", "itm_campaign",
    "ocid", "smid", "smtyp", "share", "via", "_ga", "_gl", "_hsenc", "_hsmi",
    "mkt_tok", "spm", "sr_share", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
    "wt_mc", "wt.mc_id", "xtor", "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3",
    "guccounter", "guce_referrer", "guce_referrer_sig", "s_cid", "rss",
})
_TRACKING_PREFIX = ("utm_", "pk_", "mtm_", "hsa_", "at_", "oly_", "vero_", "__twitter", "wt_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_http_url(url) -> bool:
    """True for an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(str(url).strip())
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except (ValueError, TypeError):
        return False


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(_TRACKING_PREFIX)


def canonicalize_url(url: str) -> str:
    """Lower-case scheme/host, drop www., default ports, fragment and tracking parameters; sort the
    remaining query parameters; keep the path's case. Never raises (returns the input stripped)."""
    raw = str(url).strip() if url is not None else ""
    try:
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return raw
        host = parts.hostname.lower().rstrip(".")
        if host.startswith("www."):
            host = host[4:]
        try:
            host = host.encode("idna").decode("ascii") if not host.isascii() else host
        except UnicodeError:
            pass
        port = parts.port
        netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
        if ":" in host and not host.startswith("["):  # IPv6 literal
            netloc = f"[{host}]" + ("" if port in (None, _DEFAULT_PORTS[scheme]) else f":{port}")
        path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~%")
        path = re.sub(r"/{2,}", "/", path)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
        query.sort()
        return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))
    except (ValueError, TypeError, KeyError):
        return raw
