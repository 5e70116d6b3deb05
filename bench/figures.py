"""One measured figure, its baseline from the same run, and its target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """A measurement. ``target`` applies to ``ratio`` unless ``target_on`` is "value";
    ``higher_is_better`` turns the comparison around (throughput)."""

    name: str
    value: float
    unit: str
    baseline: float
    baseline_name: str
    target: float | None = None
    target_on: str = "ratio"
    higher_is_better: bool = False

    @property
    def ratio(self) -> float:
        """value / baseline."""
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def ok(self) -> bool | None:
        """Whether the target is met (None: no target)."""
        if self.target is None:
            return None
        measured = self.ratio if self.target_on == "ratio" else self.value
        return measured >= self.target if self.higher_is_better else measured <= self.target

    def as_json(self) -> dict[str, Any]:
        """The --json line."""
        return {"name": self.name, "value": round(self.value, 3), "unit": self.unit,
                "baseline": round(self.baseline, 3), "baseline_name": self.baseline_name,
                "ratio": round(self.ratio, 3), "target": self.target,
                "target_on": self.target_on, "ok": self.ok}

    def as_text(self) -> str:
        """A line for people."""
        sign = ">=" if self.higher_is_better else "<="
        target = "" if self.target is None else (
            f"  target {self.target_on} {sign} {self.target}: "
            f"{'ok' if self.ok else 'MISSED'}")
        return (f"{self.name:<28} {self.value:>12.2f} {self.unit:<10} baseline "
                f"{self.baseline:>10.2f} ({self.baseline_name})  ratio {self.ratio:6.3f}{target}")


def per_call_us(function: Callable[[str], object], inputs: Sequence[str]) -> float:
    """Mean microseconds per call over ``inputs``."""
    started = time.perf_counter()
    for item in inputs:
        function(item)
    return (time.perf_counter() - started) / len(inputs) * 1e6


def interleaved(measure_a: Callable[[], float], measure_b: Callable[[], float],
                rounds: int = 5) -> tuple[float, float]:
    """Median of A and of B, measured alternately so drift hits both alike."""
    a_values, b_values = [], []
    for _ in range(rounds):
        a_values.append(measure_a())
        b_values.append(measure_b())
    return statistics.median(a_values), statistics.median(b_values)
