"""The recorded SmolLM2 run in evals/runs/smollm2 still replays offline, exactly.

When this fails after a change to prompts/ or to the brief schema, the cache keys changed:
re-record the run as evals/runs/smollm2/README.md says.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

RUN = ROOT / "evals" / "runs" / "smollm2"


def test_recorded_llm_run_replays_offline_with_the_recorded_scores(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    python = [sys.executable, "-m", "summarizer"]
    subprocess.run(
        [*python, "cache", "import", str(RUN / "cache.jsonl"), "--cache-dir", str(cache_dir)],
        check=True, capture_output=True,
    )  # fmt: skip
    result = subprocess.run(
        [*python, "eval", "--offline", "--cache-dir", str(cache_dir), "--out", str(tmp_path),
         *(RUN / "options").read_text().split(), "--config", str(RUN / "gates.yaml"),
         "--baseline", str(RUN / "report.json")],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    replayed = json.loads((tmp_path / "report.json").read_text())
    recorded = json.loads((RUN / "report.json").read_text())
    for split in replayed["splits"].values():
        assert split.pop("latency")["max_ms"] == 0  # a cache hit spends no engine time
    for split in recorded["splits"].values():
        split.pop("latency")
    assert replayed["splits"] == recorded["splits"]
