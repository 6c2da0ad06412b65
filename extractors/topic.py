"""The typed topic model: what a topic file (``topics/*.toml``) says, validated.

Parsing is pure (``parse_topic`` takes the TOML text); reading the file lives in ``flows.config``.
A bad topic fails with :class:`TopicError` naming the file, the key and what is wrong.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field


class TopicError(ValueError):
    """A topic file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Target:
    """Something a speaker can be for or against, and the phrases that mention it."""

    name: str  # machine name, e.g. "nato_membership"
    label: str  # the target as a phrase, e.g. "Ukraine's NATO membership"
    phrases: tuple[str, ...]  # case-insensitive phrases that mention it
    patterns: tuple[str, ...] = ()  # extra regular expressions that mention it
    description: str = ""

    def regex(self) -> re.Pattern[str]:
        parts = [r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"\b" for p in self.phrases]
        parts += list(self.patterns)
        return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


@dataclass(frozen=True)
class Feed:
    """One ``[[feeds]]`` table: the feed's URL and its per-feed settings."""

    url: str
    outlet: str | None = None  # overrides the outlet of every article from this feed
    title: str | None = None
    category: str | None = None  # "World/Europe": a category path (OPML outline nesting)
    poll_interval: int | None = None  # seconds between polls, instead of the adaptive interval
    language: str | None = None  # ISO 639-1 code; overrides the detected language of its articles
    full_content: bool = False  # build articles from the entry's own content instead of fetching pages
    include: tuple[str, ...] = ()  # entry URL regexes: only entries matching one are ingested
    exclude: tuple[str, ...] = ()  # entry URL regexes: entries matching one are skipped

    def wants(self, url: str) -> bool:
        """Whether an entry with this URL passes the feed's include/exclude patterns."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)

    @property
    def has_settings(self) -> bool:
        return bool(self.poll_interval or self.language or self.full_content or self.include or self.exclude)


@dataclass(frozen=True)
class Topic:
    name: str
    title: str
    keywords: tuple[str, ...]
    targets: tuple[Target, ...]
    framing_terms: dict[str, tuple[str, ...]]  # term -> phrases that count as it
    cues: dict[str, tuple[str, ...]]  # lexicon name (support, oppose, hedge, condition) -> words
    feeds: tuple[Feed, ...]
    sample_feeds: tuple[str, ...] = ()  # feed paths inside the bundled sample corpus
    allow_private_hosts: bool = False
    fetch: dict = field(default_factory=dict, compare=False, hash=False)  # [fetch]: politeness settings
    source: str = "<string>"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def feed(self, url: str) -> Feed | None:
        """The topic's ``[[feeds]]`` entry for this URL (its per-feed settings), if it lists it."""
        for f in self.feeds:
            if f.url == url:
                return f
        return None

    def target(self, name: str) -> Target:
        for t in self.targets:
            if t.name == name:
                return t
        raise KeyError(name)

    def keyword_regex(self) -> re.Pattern[str] | None:
        words = list(self.keywords) + [p for t in self.targets for p in t.phrases]
        if not words:
            return None
        return re.compile("|".join(r"\b" + re.escape(w) + r"\b" for w in words), re.IGNORECASE)


CUE_KINDS = ("support", "oppose", "hedge", "condition")
FEED_KEYS = ("url", "outlet", "title", "category", "poll_interval", "language", "full_content", "include", "exclude")
MIN_POLL_INTERVAL = 60  # seconds; a per-feed poll_interval below this is refused as impolite
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
FETCH_KEYS = {"user_agent": str, "min_delay": (int, float), "per_host": int, "connect_timeout": (int, float),
              "read_timeout": (int, float), "total_timeout": (int, float), "max_bytes": int, "retries": int,
              "backoff": (int, float), "respect_robots": bool}


def _str_list(data: dict, key: str, where: str, *, required: bool = False) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        if required:
            raise TopicError(f"{where}: missing key '{key}' (a list of strings)")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TopicError(f"{where}: key '{key}' must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _feed(f: dict, url: str, where: str) -> Feed:
    """A validated ``[[feeds]]`` table; errors name the file, the feed and the key."""
    where = f"{where} ({url})"
    unknown = [k for k in f if k not in FEED_KEYS]
    if unknown:
        raise TopicError(f"{where}: unknown key '{unknown[0]}' (a feed takes {', '.join(FEED_KEYS)})")
    texts = {}
    for key in ("outlet", "title", "category"):
        v = f.get(key)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            raise TopicError(f"{where}: key '{key}' must be a non-empty string, got {v!r}")
        texts[key] = v.strip() if v is not None else None
    interval = f.get("poll_interval")
    if interval is not None:
        if isinstance(interval, bool) or not isinstance(interval, int):
            raise TopicError(f"{where}: key 'poll_interval' must be a whole number of seconds, got {interval!r}")
        if interval < MIN_POLL_INTERVAL:
            raise TopicError(f"{where}: key 'poll_interval' must be at least {MIN_POLL_INTERVAL} seconds, "
                             f"got {interval}")
    language = f.get("language")
    if language is not None:
        if not isinstance(language, str) or not LANGUAGE_RE.fullmatch(language.strip().lower().replace("_", "-")):
            raise TopicError(f"{where}: key 'language' must be a language code such as \"en\" or \"uk\", "
                             f"got {language!r}")
        language = language.strip().lower().replace("_", "-")
    full = f.get("full_content", False)
    if not isinstance(full, bool):
        raise TopicError(f"{where}: key 'full_content' must be true or false, got {full!r}")
    patterns = {}
    for key in ("include", "exclude"):
        value = f.get(key)
        if isinstance(value, str):
            value = [value]
            f = {**f, key: value}
        patterns[key] = _str_list(f, key, where)
        for p in patterns[key]:
            try:
                re.compile(p)
            except re.error as exc:
                raise TopicError(f"{where}: key '{key}' has a bad regular expression {p!r}: {exc}") from None
    return Feed(url=url, outlet=texts["outlet"], title=texts["title"], category=texts["category"],
                poll_interval=interval, language=language, full_content=full,
                include=patterns["include"], exclude=patterns["exclude"])


def parse_topic(text: str, source: str = "<string>") -> Topic:
    """Parse and validate a topic file's TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TopicError(f"{source}: not valid TOML: {exc}") from None

    def need_str(d: dict, key: str, where: str) -> str:
        v = d.get(key)
        if not isinstance(v, str) or not v.strip():
            raise TopicError(f"{where}: missing or empty key '{key}' (a string)")
        return v.strip()

    name = need_str(data, "name", source)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise TopicError(f"{source}: key 'name' must be lower-case letters, digits, '-' or '_', got {name!r}")
    title = data.get("title") or name
    keywords = _str_list(data, "keywords", source)

    raw_targets = data.get("targets")
    if not isinstance(raw_targets, list) or not raw_targets:
        raise TopicError(f"{source}: key 'targets' must be a non-empty array of tables ([[targets]])")
    targets = []
    seen = set()
    for i, t in enumerate(raw_targets):
        where = f"{source}: targets[{i}]"
        if not isinstance(t, dict):
            raise TopicError(f"{where}: must be a table")
        tname = need_str(t, "name", where)
        if tname in seen:
            raise TopicError(f"{where}: duplicate target name {tname!r}")
        seen.add(tname)
        phrases = _str_list(t, "phrases", f"{where} ({tname})", required=True)
        patterns = _str_list(t, "patterns", f"{where} ({tname})")
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise TopicError(f"{where} ({tname}): key 'patterns' has a bad regular expression {p!r}: {exc}") from None
        targets.append(Target(name=tname, label=str(t.get("label") or tname.replace("_", " ")),
                              phrases=phrases, patterns=patterns,
                              description=str(t.get("description", ""))))

    framing_raw = data.get("framing", {})
    if not isinstance(framing_raw, dict):
        raise TopicError(f"{source}: key 'framing' must be a table of term = [phrases]")
    framing = {term: _str_list(framing_raw, term, f"{source}: framing", required=True) for term in framing_raw}

    cues_raw = data.get("cues", {})
    if not isinstance(cues_raw, dict):
        raise TopicError(f"{source}: key 'cues' must be a table")
    for k in cues_raw:
        if k not in CUE_KINDS:
            raise TopicError(f"{source}: cues.{k}: unknown cue lexicon (expected one of {', '.join(CUE_KINDS)})")
    cues = {k: _str_list(cues_raw, k, f"{source}: cues") for k in cues_raw}

    feeds = []
    for i, f in enumerate(data.get("feeds", []) or []):
        where = f"{source}: feeds[{i}]"
        if isinstance(f, str):
            f = {"url": f}
        if not isinstance(f, dict):
            raise TopicError(f"{where}: must be a URL string or a table with 'url'")
        url = need_str(f, "url", where)
        if not re.match(r"https?://", url):
            raise TopicError(f"{where}: key 'url' must be an http(s) URL, got {url!r}")
        feeds.append(_feed(f, url, where))
    fetch = data.get("fetch", {}) or {}
    if not isinstance(fetch, dict):
        raise TopicError(f"{source}: key 'fetch' must be a table")
    for k, v in fetch.items():
        if k not in FETCH_KEYS:
            raise TopicError(f"{source}: fetch.{k}: unknown setting (expected one of {', '.join(FETCH_KEYS)})")
        if not isinstance(v, FETCH_KEYS[k]) or (isinstance(v, bool) and FETCH_KEYS[k] is not bool):
            raise TopicError(f"{source}: fetch.{k}: wrong type {type(v).__name__}")
    sample = data.get("sample", {}) or {}
    sample_feeds = _str_list(sample, "feeds", f"{source}: sample")

    return Topic(name=name, title=str(title), keywords=keywords, targets=tuple(targets),
                 framing_terms=framing, cues=cues, feeds=tuple(feeds), sample_feeds=sample_feeds,
                 allow_private_hosts=bool(data.get("allow_private_hosts", False)), fetch=dict(fetch),
                 source=source)
