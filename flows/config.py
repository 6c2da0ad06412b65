"""Finding and reading topic files, and the project's paths."""
from __future__ import annotations

from pathlib import Path

from extractors.topic import Topic, TopicError, parse_topic

ROOT = Path(__file__).resolve().parents[1]
TOPICS_DIR = ROOT / "topics"
SAMPLE_SITE = ROOT / "sample" / "site"
DEFAULT_TOPIC = "ukraine-security"


def topic_path(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix == ".toml" or p.exists():
        return p
    return TOPICS_DIR / f"{name_or_path}.toml"


def load_topic(name_or_path: str = DEFAULT_TOPIC) -> Topic:
    """Load a topic by name (``topics/NAME.toml``) or by path; errors name the file and key."""
    path = topic_path(name_or_path)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in TOPICS_DIR.glob("*.toml"))) or "none"
        raise TopicError(f"{path}: no such topic file (topics available: {known})")
    return parse_topic(path.read_text(encoding="utf-8"), source=str(path))
