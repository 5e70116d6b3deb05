"""The benchmark command runs and prints its figures in the agreed JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_json_lines_at_small_scale() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--json", "--scale", "0.01", "normalize", "lookup"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode in (0, 1), result.stderr
    figures = [json.loads(line) for line in result.stdout.splitlines()]
    assert [f["name"] for f in figures] == ["normalize", "lookup_median", "lookup_p95"]
    for figure in figures:
        assert {"name", "value", "unit", "baseline", "ratio", "target", "ok"} <= figure.keys()
        assert figure["value"] > 0 and figure["baseline"] > 0
        assert abs(figure["ratio"] - figure["value"] / figure["baseline"]) < 0.01


def test_bench_refuses_unknown_names() -> None:
    result = subprocess.run([sys.executable, "-m", "bench", "nonsense"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "unknown benchmark" in result.stderr
