"""Runs one measured job in a fresh process, so its peak RSS is its own.

``python -m bench.child normalize_run DB`` / ``python -m bench.child import FILE DB`` /
``python -m bench.child ldap_bare URL BASE BIND PASSWORD`` / ``python -m bench.child ldap_sync
URL BASE BIND PASSWORD DB``; prints one JSON line with seconds and RSS figures.
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


def _ldap(argv: list[str]) -> tuple[float, int]:
    """A bare ldap3 paged search of every entry (the baseline), or our sync into a new
    directory; seconds and entries."""
    url, base, bind, password = argv[1:5]
    if argv[0] == "ldap_bare":
        import ldap3

        from desktop_client.directories.ldap import ATTRIBUTES, PAGE_SIZE

        started = time.perf_counter()
        connection = ldap3.Connection(ldap3.Server(url, get_info=ldap3.NONE), user=bind,
                                      password=password, auto_bind=True, read_only=True)
        count = sum(1 for entry in connection.extend.standard.paged_search(
            base, "(objectClass=person)", ldap3.SUBTREE, attributes=list(ATTRIBUTES),
            paged_size=PAGE_SIZE, generator=True) if entry.get("type") == "searchResEntry")
        connection.unbind()
        return time.perf_counter() - started, count
    from desktop_client.core.core_settings import DEFAULT_LDAP_FILTER
    from desktop_client.core.synced_contacts import SourceSync
    from desktop_client.directories.ldap import LdapSettings, LdapSource

    source = LdapSource(LdapSettings(url, base, bind, password, DEFAULT_LDAP_FILTER))
    with Directory(Path(argv[5])) as directory:
        started = time.perf_counter()
        with SourceSync.open(directory, "ldap", Location("CH")) as target:
            source.sync(target, "", lambda _count: None)
        return time.perf_counter() - started, target.entries


def main(argv: list[str]) -> None:
    """Run the job named in argv and print its figures."""
    location = Location("CH")
    start_rss = _mb(resource.RUSAGE_SELF)
    if argv[0].startswith("ldap_"):
        seconds, checked = _ldap(argv)
        workers = 0
    elif argv[0] == "normalize_run":
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
