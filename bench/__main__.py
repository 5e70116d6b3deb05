"""Benchmarks: ``python -m bench [--json] [--scale S] [NAME…]``.

Every figure is printed with a baseline measured in the same run and the ratio between them
(these machines are noisy; absolute times drift). With ``--json`` each figure is one line:
``{"name", "value", "unit", "baseline", "ratio", "target", "ok"}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from bench import (
    app_bench,
    day_bench,
    directory_bench,
    ldap_bench,
    normalize_bench,
    popup_bench,
)
from bench.figures import Figure

BENCHMARKS: dict[str, Callable[[float], list[Figure]]] = {
    "normalize": normalize_bench.run,
    "lookup": directory_bench.run_lookup,
    "normalize_run": directory_bench.run_normalize_run,
    "import": directory_bench.run_import,
    "click_to_dial": app_bench.run_click_to_dial,
    "startup": app_bench.run_startup,
    "package_startup": app_bench.run_package_startup,
    "incoming_popup": popup_bench.run,
    "burst": day_bench.run_burst,
    "day": day_bench.run_day,
    "ldap_sync": ldap_bench.run,
}


def main(argv: list[str] | None = None) -> int:
    """Run the named benchmarks (all by default); exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHMARKS))
    parser.add_argument("--json", action="store_true", help="one JSON object per figure")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="fraction of the full data size (for a quick check)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    missed = 0
    for name in args.names or list(BENCHMARKS):
        for figure in BENCHMARKS[name](args.scale):
            print(json.dumps(figure.as_json()) if args.json else figure.as_text(), flush=True)
            missed += figure.ok is False
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
