"""``desktop-client lookup`` and ``desktop-client sync``: who a number belongs to, and copying
the directory servers into the local directory now.

``lookup`` asks the local directory (imports and synced servers) first and, on a miss, the
configured servers live in their order (not with ``--local``); each match names its source.
``sync`` exits 0 when every source synced and 1 when one failed (the message names it and
says why); a failed source keeps the contacts of its last complete sync.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from desktop_client.cli_common import (
    EXIT_FAILURE,
    EXIT_OK,
    UsageError,
    location_of,
    open_directory,
    print_json,
)
from desktop_client.core import config as config_mod
from desktop_client.core.profile import Profile

if TYPE_CHECKING:
    from desktop_client.core.contacts import Match
    from desktop_client.directories.service import DirectoryService

#: The ``source`` of contacts imported from files or added by hand.
LOCAL = "local"
#: Notes of a sync (numbers normalized differently …) printed; the rest are in the log.
NOTES_SHOWN = 20


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``lookup`` and ``sync`` sub-commands."""
    lookup = sub.add_parser("lookup", help="find who a number belongs to")
    lookup.add_argument("number", metavar="NUMBER")
    lookup.add_argument("--json", action="store_true", help="print JSON")
    lookup.add_argument("--local", action="store_true",
                        help="only the local directory; do not ask the directory servers")
    sync = sub.add_parser("sync", help="copy the directory servers (LDAP, CardDAV, …) into "
                          "the local directory now")
    sync.add_argument("sources", nargs="*", metavar="SOURCE",
                      help="only these ([directory] sources; default: all)")
    sync.add_argument("--json", action="store_true", help="print JSON")


def _service(profile: Profile, config: config_mod.Config) -> DirectoryService:
    from desktop_client.core.secrets import SecretStore  # noqa: PLC0415
    from desktop_client.directories.build import build_service  # noqa: PLC0415

    profile.create()
    return build_service(profile, config, SecretStore().get)


def cmd_sync(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    """Sync the sources now."""
    configured = config.strings("directory.sources")
    if not configured:
        raise UsageError("no directory servers are set up ([directory] sources in "
                         f"{profile.config_file})")
    unknown = [name for name in args.sources if name not in configured]
    if unknown:
        raise UsageError(f"{unknown[0]!r} is not among the configured sources "
                         f"({', '.join(configured)})")
    location_of(config)  # warns about a bad [location]
    service = _service(profile, config)

    def progress(name: str, count: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r{name}: {count} entries read", end="", file=sys.stderr, flush=True)

    results = service.sync(args.sources, progress)
    if args.json:
        print_json([{"source": r.source, "ok": r.ok, "entries": r.entries,
                     "added": r.counts.added, "changed": r.counts.changed,
                     "removed": r.counts.removed, "unchanged": r.counts.unchanged,
                     "seconds": round(r.seconds, 2), "error": r.error or None,
                     "error_kind": r.kind or None, "notes": list(r.notes)} for r in results])
    else:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        for result in results:
            if result.ok:
                print(f"{result.source}: {result.entries} entries ({result.counts.added} new, "
                      f"{result.counts.changed} changed, {result.counts.removed} removed) in "
                      f"{result.seconds:.1f} s")
                for note in result.notes[:NOTES_SHOWN]:
                    print(f"  {note}")
                if len(result.notes) > NOTES_SHOWN:
                    print(f"  … {len(result.notes) - NOTES_SHOWN} more in the log")
            else:
                print(f"desktop-client: sync failed: {result.error}; the contacts of its last "
                      "sync stay", file=sys.stderr)
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILURE


def cmd_lookup(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    """The local directory first; on a miss the servers live (not with --local)."""
    from desktop_client.core.numbers import NumberError, normalize  # noqa: PLC0415

    location = location_of(config)
    block = config.number("directory.company_block_digits")
    try:
        number = normalize(args.number, location, incoming=True)
    except NumberError as error:
        raise UsageError(f"{args.number!r}: {error.reason}") from None
    with open_directory(profile) as directory:
        matches = directory.lookup_normalized(number, block_digits=block)
    if not args.local and not any(m.quality == "exact" for m in matches) and \
            config.strings("directory.sources"):
        live = _service(profile, config).lookup_live(number, block)
        matches = live or matches
    if args.json:
        print_json([match_json(m) for m in matches])
        return EXIT_OK
    if not matches:
        print("no match")
    for match in matches:
        address, channel = match.address, match.channel
        company = f", {address.company}" if address.company and address.kind == "person" else ""
        hint = " (probably; company number)" if match.quality == "probable" else ""
        source = f" [{address.source}]" if address.source else ""
        print(f"{address.display_name}{company}{hint}: {channel.kind} {channel.raw}{source}")
    return EXIT_OK


def match_json(match: Match) -> dict[str, Any]:
    """One match of ``lookup --json``."""
    address, channel = match.address, match.channel
    external = "" if address.external_id.startswith("auto:") else address.external_id
    if address.source:
        external = external.removeprefix(f"{address.source}:")
    return {
        "match": match.quality, "id": address.id, "kind": address.kind,
        "name": address.display_name, "first_name": address.first_name,
        "last_name": address.last_name, "company": address.company, "external_id": external,
        "link_url": address.link_url, "source": address.source or LOCAL,
        "channel": {"kind": channel.kind, "raw": channel.raw,
                    "e164": channel.normalized.e164, "extension": channel.normalized.extension,
                    "canonical": channel.normalized.canonical},
    }


def source_report(profile: Profile, config: config_mod.Config) -> list[str]:
    """``doctor``'s lines about the directory servers: each one's last sync and error."""
    names = config.strings("directory.sources")
    if not names:
        return []
    from desktop_client.core import synced_contacts  # noqa: PLC0415

    with open_directory(profile) as directory:
        states = synced_contacts.states(directory)
    lines = []
    for name in names:
        state = states.get(name, synced_contacts.SourceState(name))
        synced = (f"last sync {state.synced_at}, {state.entries} entries" if state.synced_at
                  else "never synced")
        if state.error:
            lines.append(f"-- directory {name}: {synced}; failed at {state.error_at}: "
                         f"{state.error}")
        else:
            lines.append(f"ok  directory {name}: {synced}")
    return lines
