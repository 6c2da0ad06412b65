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
    url: str
    outlet: str | None = None
    title: str | None = None


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
        feeds.append(Feed(url=url, outlet=f.get("outlet"), title=f.get("title")))
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
