"""Stance signals toward a target phrase. (contract stub)"""
from __future__ import annotations

from dataclasses import dataclass

VERSION = "stance-0"


@dataclass(frozen=True)
class Signal:
    target: str  # the target as given (phrase or configured target name)
    label: str  # "pro" | "con" | "neutral"
    score: float  # in [-1, 1]; > 0 supports, < 0 opposes
    hedged: bool = False
    conditional: bool = False
    cues: tuple[str, ...] = ()
    evidence_start: int = 0  # offsets into the sentence given
    evidence_end: int = 0


@dataclass(frozen=True)
class ArticleSignal:
    """A signal placed in an article: toward a configured target, from a quote or the article's own voice."""

    target: str  # Target.name
    quote_index: int | None  # index into the article's quotes, None for the article's own voice
    signal: Signal
    evidence_start: int  # absolute offsets in the article text
    evidence_end: int


def stance_toward(sentence: str, target: str, source: str | None = None) -> Signal:
    raise NotImplementedError
