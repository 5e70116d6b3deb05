"""Runs one measured job in a fresh process, so its peak RSS is its own.

``python -m bench.child normalize_run DB`` / ``python -m bench.child import FILE DB``; prints
one JSON line with seconds and RSS figures.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from desktop_client.core.directory import Directory
from desktop_client.core.importers import import_file
from desktop_client.core.normalize_run import PARALLEL_FROM, normalize_directory
from desktop_client.core.numbers import Location


def _mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main(argv: list[str]) -> None:
    """Run the job named in argv and print its figures."""
    location = Location("CH")
    start_rss = _mb(resource.RUSAGE_SELF)
    if argv[0] == "normalize_run":
        with Directory(Path(argv[1])) as directory:
            started = time.perf_counter()
            summary = normalize_directory(directory, location)
            seconds = time.perf_counter() - started
        checked = summary.checked
        workers = 2 if checked >= PARALLEL_FROM else 0
    else:
        with Directory(Path(argv[2])) as directory:
            started = time.perf_counter()
            report = import_file(directory, Path(argv[1]), location)
            seconds = time.perf_counter() - started
        checked = report.created
        workers = 0
    print(json.dumps({"seconds": seconds, "checked": checked, "workers": workers,
                      "start_rss_mb": start_rss, "self_rss_mb": _mb(resource.RUSAGE_SELF),
                      "child_rss_mb": _mb(resource.RUSAGE_CHILDREN)}))


if __name__ == "__main__":
    main(sys.argv[1:])
