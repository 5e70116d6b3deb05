"""``ldap_sync``: copying a real slapd's 100,000 people into the local directory.

The baseline is a bare ldap3 paged search of the same entries with the same attributes, in
the same run (each in a fresh process, so each peak RSS is its own). Targets: our first sync
at most 2x the bare search, peak RSS at most 200 MB; a second sync (nothing changed, nothing
rewritten) is printed against the same baseline.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.directory_bench import _child
from bench.figures import Figure


def run(scale: float) -> list[Figure]:
    """Sync time and RSS against the bare paged search."""
    from tests.servers.slapd import Slapd, find_slapd

    if find_slapd() is None:
        print("ldap_sync: slapd is not installed (apt-get install slapd); skipped")
        return []
    entries = max(2_000, int(100_000 * scale))
    with Slapd(size_limit=1000) as server, tempfile.TemporaryDirectory() as tmp:
        server.bulk_load(entries)
        login = (server.url, server.people_dn, server.reader_dn, server.reader_password)
        _child("ldap_bare", *login)  # warm slapd's caches for both
        bare = _child("ldap_bare", *login)
        database = str(Path(tmp) / "sync.sqlite3")
        first = _child("ldap_sync", *login, database)
        again = _child("ldap_sync", *login, database)
    assert first["checked"] == entries == bare["checked"], (first, bare)
    label = f"bare ldap3 paged search, {entries:,} entries"
    return [
        Figure("ldap_sync_first", first["seconds"], "s", bare["seconds"], label, target=2.0),
        Figure("ldap_sync_unchanged", again["seconds"], "s", bare["seconds"], label),
        # Ours with its normalizing worker process, the search alone.
        Figure("ldap_sync_peak_rss", first["self_rss_mb"] + first["child_rss_mb"], "MB",
               bare["self_rss_mb"], label, target=200, target_on="value"),
    ]
