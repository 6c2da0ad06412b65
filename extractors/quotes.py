"""Quotes: direct, partial and reported speech, each attributed to a speaker. (contract stub)"""
from __future__ import annotations

from dataclasses import dataclass

VERSION = "quotes-0"


@dataclass(frozen=True)
class Quote:
    start: int  # offsets of the quoted words in the text (end exclusive)
    end: int
    text: str
    kind: str  # "direct" | "partial" | "indirect"
    speaker: str | None  # resolved name or description ("Olha Stefanishyna", "a senior diplomat")
    speaker_start: int | None = None  # the mention as written, when there is one
    speaker_end: int | None = None
    role: str | None = None  # "Deputy Prime Minister for European Integration"
    cue: str | None = None  # "said", "according to", "told reporters"
    anonymous: bool = False
    speaker_kind: str = "person"  # "person" | "organisation" | "anonymous" | "unknown"


def extract_quotes(text: str) -> list[Quote]:
    raise NotImplementedError
