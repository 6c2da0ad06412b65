"""Parse publication dates found in pages into timezone-aware datetimes."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

MIN_DATE = datetime(1990, 1, 1, tzinfo=timezone.utc)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_DATE8 = re.compile(r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
_EPOCH = re.compile(r"^\d{10}(\d{3})?$")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def plausible(value: datetime | None, now: datetime | None = None) -> datetime | None:
    """Return the value if it is a sane publication time (1990 <= value <= now + 1 day)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    if value < MIN_DATE or value > (now or _now()) + timedelta(days=1):
        return None
    return value


def parse_date(raw, now: datetime | None = None) -> datetime | None:
    """Parse an ISO-8601-ish string, epoch seconds/ms or a free-form date; naive -> UTC.

    Returns None for anything unparseable, before 1990 or in the future. Never raises.
    """
    if raw is None:
        return None
    try:
        if isinstance(raw, (int, float)):
            raw = str(int(raw))
        if isinstance(raw, datetime):
            return plausible(raw, now)
        s = str(raw).strip()
        if not s or len(s) > 80:
            return None
        if _EPOCH.match(s):
            secs = int(s) / (1000 if len(s) == 13 else 1)
            return plausible(datetime.fromtimestamp(secs, tz=timezone.utc), now)
        iso = s.replace("Z", "+00:00").replace("z", "+00:00")
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)  # +0200 -> +02:00
        iso = re.sub(r"\s+([+-]\d{2}:\d{2})$", r"\1", iso)
        try:
            return plausible(datetime.fromisoformat(iso), now)
        except ValueError:
            pass
        from dateutil import parser as dparser  # installed with pandas-free stacks too

        if not re.search(r"\d{4}", s):  # "May 3" has no year: too ambiguous
            return None
        try:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = dparser.parse(s, fuzzy=False, dayfirst=bool(re.match(r"^\d{1,2}\.", s)))
        except (ValueError, OverflowError, TypeError):
            return None
        return plausible(value, now)
    except Exception:  # noqa: BLE001 - dates come from untrusted pages
        return None


def date_from_url(url: str | None, now: datetime | None = None) -> datetime | None:
    """A /2024/05/03/ or -20240503- style date in a URL, as UTC midnight."""
    if not url:
        return None
    for rx in (_URL_DATE, _URL_DATE8):
        m = rx.search(url)
        if m:
            try:
                return plausible(datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=timezone.utc), now)
            except ValueError:
                return None
    return None
