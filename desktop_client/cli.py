"""The command line: ``desktop-client [--profile DIR] COMMAND …``.

This module imports no Qt: the operating system runs it for every click on a ``tel:`` link,
and the sub-commands here (number, import, normalize, lookup) are tools for admins and scripts.
Bad input goes to stderr with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import desktop_client
from desktop_client import cli_dial, cli_directory, cli_secret, settings
from desktop_client.cli_common import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_OK,
    UsageError,
    location_of,
    number_json,
    open_directory,
    print_json,
)
from desktop_client.core import config as config_mod
from desktop_client.core.profile import Profile, setup_logging

if TYPE_CHECKING:
    from desktop_client.core.numbers import NormalizedNumber

log = logging.getLogger("desktop_client.cli")

def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all sub-commands."""
    parser = argparse.ArgumentParser(
        prog="desktop-client",
        description="Telephony client: tel: handler, click-to-dial, caller pop-up.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_epilog(),
    )
    parser.add_argument("--profile", metavar="DIR",
                        help="keep config, database, log and socket in DIR "
                             "(also env DESKTOP_CLIENT_HOME)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    parser.add_argument("--version", action="version",
                        version=f"desktop-client {desktop_client.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    number = sub.add_parser("number", help="show how a number or tel: URI is normalized")
    number.add_argument("input", metavar="NUMBER_OR_URI")
    number.add_argument("--country", metavar="CC", help="country for numbers without +… "
                        "(default: [location] country)")
    number.add_argument("--json", action="store_true", help="print JSON")

    imp = sub.add_parser("import", help="import contacts from a .vcf or .csv file")
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--json", action="store_true", help="print the report as JSON")

    norm = sub.add_parser("normalize", help="normalize all phone numbers of the directory")
    norm.add_argument("--dry-run", action="store_true", help="report, write nothing")
    norm.add_argument("--json", action="store_true", help="print the summary as JSON")

    cli_directory.add_parsers(sub)

    sub.add_parser("run", help="start the tray app (or bring the running one forward)")
    sub.add_parser("settings", help="open the Settings window of the running app (start it "
                   "if needed)")

    dial = sub.add_parser("dial", help="dial a number or tel: URI through the running app")
    dial.add_argument("input", metavar="NUMBER_OR_URI", nargs="?", default=None)
    dial.add_argument("--selection", action="store_true",
                      help="dial the number in the text selected in any program (else the "
                      "clipboard's); several numbers: the app asks which")
    dial.add_argument("--dry-run", action="store_true",
                      help="print the decision and the exact request; dial nothing")
    dial.add_argument("--once", action="store_true",
                      help="dial from this process, without the tray app")
    dial.add_argument("--yes", action="store_true",
                      help="with --once: confirm a number that needs a confirmation")
    dial.add_argument("--json", action="store_true", help="print JSON")

    incoming = sub.add_parser("incoming", help="report a call to the running app "
                              "(for softphone hooks)")
    incoming.add_argument("number", metavar="NUMBER")
    incoming.add_argument("--name", default="", help="the caller's name as the phone shows it")
    incoming.add_argument("--call-id", default="", help="the call's id (ties the states together)")
    incoming.add_argument("--state", default="ringing", choices=("ringing", "answered", "ended"))

    journal = sub.add_parser("journal", help="print the call journal")
    journal.add_argument("--json", action="store_true", help="print JSON")
    journal.add_argument("--limit", type=_positive, default=50, metavar="N",
                         help="at most N entries (1 or more)")

    register = sub.add_parser("register", help="become the system's tel: and callto: handler")
    register.add_argument("--sip", action="store_true", help="also handle sip: links")
    sub.add_parser("unregister", help="stop handling tel: and callto: links")
    sub.add_parser("doctor", help="show which application opens tel:, callto: and sip:")
    cli_secret.add_parser(sub)
    return parser


def _positive(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def _epilog() -> str:
    """Where the files live, and how the OS hands links over (in --help)."""
    import os  # noqa: PLC0415

    chosen = os.environ.get("DESKTOP_CLIENT_HOME")
    profile = Profile.resolve(None)
    where = (f"  DESKTOP_CLIENT_HOME={chosen}: config.toml, the database and the log there\n"
             if chosen else
             f"  config:   {profile.config_file}\n"
             f"  database: {profile.database_file}\n"
             f"  log:      {profile.log_file}\n")
    return ("files (--profile DIR keeps them all in DIR):\n" + where +
            "\nlinks: desktop-client tel:+41446681800 (or callto:, sip:) hands a link to the "
            "running app;\n  the system's handler entry runs 'desktop-client --uri <link>'.")


#: Commands that only read: a broken config.toml is reported, not moved aside.
READ_ONLY = {"number", "lookup", "journal", "doctor", "secret"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "run"
    try:
        profile = _profile(args.profile)
        read_only = args.command in READ_ONLY or getattr(args, "dry_run", False)
        setup_logging(profile, verbose=args.verbose)
        config, problems = settings.load(profile.config_file, keep_broken=read_only)
        for problem in problems:
            print(f"desktop-client: warning: {problem}", file=sys.stderr)
        args.config_problems = problems  # the tray app shows them too
        handler = _COMMANDS[args.command]
        return handler(args, profile, config)
    except (UsageError, config_mod.ConfigError, OSError) as error:
        print(f"desktop-client: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        from desktop_client.core.store import StoreError  # noqa: PLC0415 - sqlite3 on demand

        if isinstance(error, StoreError):  # a database that cannot be opened or upgraded
            print(f"desktop-client: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        log.exception("internal error in %s", args.command)
        print(f"desktop-client: internal error; details in {profile.log_file}", file=sys.stderr)
        return EXIT_FAILURE


def _profile(chosen: str | None) -> Profile:
    """The profile; a --profile whose parent folder does not exist is a typing error, not a
    reason to create a whole tree."""
    from pathlib import Path  # noqa: PLC0415

    if chosen and not Path(chosen).expanduser().resolve().parent.is_dir():
        raise UsageError(f"--profile {chosen}: the folder {Path(chosen).parent} does not "
                         "exist")
    if chosen and Path(chosen).expanduser().exists() and not Path(chosen).expanduser().is_dir():
        raise UsageError(f"--profile {chosen}: not a folder (a profile is a folder that holds "
                         "config.toml and the app's files)")
    return Profile.resolve(chosen)


def _cmd_number(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    from desktop_client.core.numbers import NumberError, normalize  # noqa: PLC0415

    location = location_of(config, args.country)
    try:
        number: NormalizedNumber | None = normalize(args.input, location)
        error = None
    except NumberError as err:
        number, error = None, err
    if args.json:
        print_json(number_json(args.input, number, error))
    elif number is not None:
        extension = f" ext. {number.extension}" if number.extension else ""
        print(f"{number.canonical}{extension}")
        print(f"  match key:     {number.key}")
        print(f"  international: {number.international}")
        print(f"  national:      {number.national}")
        print(f"  type:          {number.type}")
        if number.risk:
            print(f"  needs a click: {', '.join(sorted(r.value for r in number.risk))}")
    if error is not None:
        print(f"desktop-client: {error.text or args.input!r}: {error.reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


IMPORT_WAIT_S = 300


def _cmd_import(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    from desktop_client.core.importers import ImportFileError, import_file  # noqa: PLC0415

    location = location_of(config)
    if args.file.is_dir():
        raise UsageError(f"{args.file}: a folder, not a contacts file (.vcf or .csv)")
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    with open_directory(profile) as directory:
        directory.wait_for_writers(IMPORT_WAIT_S)  # a second import waits for the first
        try:
            report = import_file(directory, args.file, location)
        except (ImportFileError, UnicodeDecodeError) as error:
            raise UsageError(f"{args.file.name}: {error}; nothing imported") from None
    if args.json:
        print_json({"file": report.file, "created": report.created, "updated": report.updated,
                     "skipped": report.skipped,
                     "problems": [{"line": p.line, "reason": p.reason} for p in report.problems],
                     "notes": [{"line": n.line, "note": n.note} for n in report.notes]})
    else:
        print(f"{args.file.name}: {report.created} new, {report.updated} updated, "
              f"{report.skipped} skipped")
        for problem in report.problems:
            print(f"  line {problem.line}: {problem.reason}")
        for note in report.notes:
            print(f"  {f'line {note.line}: ' if note.line else ''}{note.note}")
    return EXIT_OK


def _cmd_normalize(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    from desktop_client.core.normalize_run import normalize_directory  # noqa: PLC0415

    location = location_of(config)
    with open_directory(profile) as directory:
        summary = normalize_directory(directory, location, dry_run=args.dry_run)
    if args.json:
        print_json({"checked": summary.checked, "normalized": summary.normalized,
                     "changed": summary.changed, "failed": summary.failed,
                     "dry_run": summary.dry_run, "log_file": str(profile.log_file)})
    else:
        prefix = "dry run, nothing written: " if args.dry_run else ""
        print(f"{prefix}{summary.checked} checked, {summary.normalized} normalized, "
              f"{summary.changed} changed, {summary.failed} failed")
        if summary.failed:
            print(f"warnings for the {summary.failed} failed entries are in {profile.log_file}")
    return EXIT_OK


def _cmd_register(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    from desktop_client.platform.registration import register  # noqa: PLC0415

    try:
        print(register(_explicit_profile(args), with_sip=args.sip))
    except RuntimeError as error:
        raise UsageError(str(error)) from None
    return EXIT_OK


def _cmd_unregister(args: argparse.Namespace, profile: Profile,
                    config: config_mod.Config) -> int:
    from desktop_client.platform.registration import unregister  # noqa: PLC0415

    try:
        print(unregister())
    except RuntimeError as error:
        raise UsageError(str(error)) from None
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    from desktop_client.platform.registration import doctor  # noqa: PLC0415

    reports = doctor()
    for report in reports:
        mark = "ok " if report.is_us else "-- "
        detail = f"  ({report.detail})" if report.detail else ""
        print(f"{mark}{report.scheme}: opens with {report.handler}{detail}")
    print(f"log file: {profile.log_file}")
    print(f"config:   {profile.config_file}")
    location_problems = config.checked_location()[1]
    for problem in [*getattr(args, "config_problems", []), *location_problems]:
        print(f"-- config: {problem}")
    for line in cli_directory.source_report(profile, config):
        print(line)
    return EXIT_OK if all(r.is_us for r in reports if r.scheme in ("tel", "callto")) \
        else EXIT_FAILURE


def _explicit_profile(args: argparse.Namespace) -> Path | None:
    import os  # noqa: PLC0415

    chosen = args.profile or os.environ.get("DESKTOP_CLIENT_HOME")
    return Path(chosen).expanduser().resolve() if chosen else None


_COMMANDS = {
    "number": _cmd_number,
    "import": _cmd_import,
    "normalize": _cmd_normalize,
    "lookup": cli_directory.cmd_lookup,
    "sync": cli_directory.cmd_sync,
    "run": cli_dial.cmd_run,
    "dial": cli_dial.cmd_dial,
    "settings": cli_dial.cmd_settings,
    "journal": cli_dial.cmd_journal,
    "incoming": cli_dial.cmd_incoming,
    "register": _cmd_register,
    "unregister": _cmd_unregister,
    "doctor": _cmd_doctor,
    "secret": cli_secret.cmd_secret,
}
