"""prefect.yaml: every deployment points at a real flow and passes only parameters it accepts."""
from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOYMENTS = yaml.safe_load((ROOT / "prefect.yaml").read_text())["deployments"]


@pytest.mark.parametrize("dep", DEPLOYMENTS, ids=lambda d: d["name"])
def test_deployment_entrypoint_and_parameters(dep):
    path, _, name = dep["entrypoint"].partition(":")
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    flow = getattr(module, name)
    accepted = set(inspect.signature(flow.fn).parameters)
    assert set(dep.get("parameters") or {}) <= accepted
    if "topic" in (dep.get("parameters") or {}):
        from flows.config import load_topic

        load_topic(dep["parameters"]["topic"])
    for sched in dep.get("schedules") or []:
        assert ("cron" in sched) != ("interval" in sched)
