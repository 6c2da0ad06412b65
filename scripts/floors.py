"""The quality floors pinned in tests/quality_floors.json, checked one way by every scorer."""
from __future__ import annotations

import json
from pathlib import Path

FLOORS = Path(__file__).resolve().parents[1] / "tests" / "quality_floors.json"


def below_floors(figures: dict, key: str, path: str | Path = FLOORS, *, required: bool = False) -> list[str]:
    """What falls below the numeric floors under ``key`` (a missing figure counts as 0).

    ``required``: having no floors under ``key`` is itself a failure.
    """
    path = Path(path)
    floors = (json.loads(path.read_text(encoding="utf-8")).get(key) or {}) if path.exists() else {}
    problems = [f"no {key!r} floors in {path}"] if required and not floors else []
    return problems + [f"{k} {figures.get(k)} < floor {v}" for k, v in floors.items()
                       if isinstance(v, (int, float)) and not isinstance(v, bool) and (figures.get(k) or 0) < v]
