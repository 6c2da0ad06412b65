"""``stancewire serve``: the deployments of ``prefect.yaml``, on their schedules, with no other set-up.

Where no Prefect API is configured (``PREFECT_API_URL``), it starts a local Prefect server as a
child process (Prefect's temporary server never fires schedules), serves the deployments from
this process, prints where the UI is, and on Ctrl-C pauses the deployments and stops the server.
"""
from __future__ import annotations

import importlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx
import yaml

from flows.config import ROOT

PREFECT_YAML = ROOT / "prefect.yaml"


def load_deployments_spec(path: Path = PREFECT_YAML) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("deployments") or []


def import_flow(entrypoint: str):
    path, _, name = entrypoint.partition(":")
    return getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), name)


def build_deployments(spec: list[dict], *, interval: float | None = None, overrides: dict | None = None,
                      only: list[str] | None = None) -> list:
    """RunnerDeployments from prefect.yaml entries; ``interval`` replaces scheduled ones' schedules
    (for trying it out), ``overrides`` adds parameters to every deployment whose flow accepts them."""
    import inspect

    out = []
    for d in spec:
        if only and d["name"] not in only:
            continue
        fl = import_flow(d["entrypoint"])
        accepted = set(inspect.signature(fl.fn).parameters)
        params = dict(d.get("parameters") or {})
        params.update({k: v for k, v in (overrides or {}).items() if k in accepted and v is not None})
        schedules = [s for s in d.get("schedules") or [] if s.get("active", True)]
        kwargs = {}
        if schedules and interval:
            kwargs["interval"] = interval
        elif schedules:
            crons = [s["cron"] for s in schedules if "cron" in s]
            intervals = [s["interval"] for s in schedules if "interval" in s]
            if crons:
                kwargs["cron"] = crons[0] if len(crons) == 1 else crons
            elif intervals:
                kwargs["interval"] = intervals
        out.append(fl.to_deployment(name=d["name"], parameters=params, description=d.get("description"),
                                    concurrency_limit=d.get("concurrency_limit"), **kwargs))
    return out


def _free_port(preferred: int = 4200) -> int:
    """``preferred`` if it is free on loopback, else any free port (``0`` asks for any)."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
        except OSError:
            s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_prefect_server(port: int | None = None, timeout: float = 90.0) -> Iterator[str]:
    """Start ``prefect server start`` on loopback as a child process; yield its API URL."""
    port = port or _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--analytics-off"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
                raise RuntimeError(f"the local Prefect server exited with {proc.returncode}: {err}")
            try:
                if httpx.get(api + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the local Prefect server did not answer on {api} within {timeout:.0f} s")
            time.sleep(0.5)
        yield api
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def serve_all(*, interval: float | None = None, overrides: dict | None = None, only: list[str] | None = None,
              port: int | None = None, out=None) -> None:
    """Serve every deployment until interrupted, starting a local server when none is configured."""
    from prefect import serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    out = out or sys.stdout
    configured = os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()
    spec = load_deployments_spec()

    def run(api: str) -> None:
        ui = api.removesuffix("/api")
        with temporary_settings({PREFECT_API_URL: api}):
            deployments = build_deployments(spec, interval=interval, overrides=overrides, only=only)
            names = ", ".join(f"{d.flow_name}/{d.name}" for d in deployments)
            print(f"Prefect API {api}; UI {ui}", file=out, flush=True)
            print(f"Serving {len(deployments)} deployments: {names}. Ctrl-C stops.", file=out, flush=True)
            # Ctrl-C takes the runner's graceful SIGTERM path (pause deployments, cancel in-flight runs,
            # return) instead of a KeyboardInterrupt raised wherever asyncio happens to be; a second
            # Ctrl-C while stopping exits at once.
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGINT, lambda *_: signal.raise_signal(signal.SIGTERM))
            serve(*deployments, print_starting_message=False)

    try:
        if configured:
            run(configured)
        else:
            print("No PREFECT_API_URL set: starting a local Prefect server …", file=out, flush=True)
            with local_prefect_server(port) as api:
                run(api)
    except KeyboardInterrupt:  # Prefect's runner usually handles SIGINT itself and returns
        pass
    print("Stopped: deployments paused" + ("." if configured else ", local server stopped."), file=out, flush=True)
