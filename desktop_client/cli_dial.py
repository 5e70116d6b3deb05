"""Command-line commands around calls: run, dial (forward, --dry-run, --once), journal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from desktop_client.cli_common import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_NEEDS_CONFIRMATION,
    EXIT_OK,
    UsageError,
    number_json,
    open_directory,
    print_json,
)
from desktop_client.core import config as config_mod
from desktop_client.core.profile import Profile

if TYPE_CHECKING:
    from desktop_client.core.directory import Directory


def cmd_run(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    """``run`` with global options the short path does not take (``-v``)."""
    from desktop_client import launch  # noqa: PLC0415

    return launch.start(profile, config, list(getattr(args, "config_problems", [])))


def cmd_settings(args: argparse.Namespace, profile: Profile,
                 config: config_mod.Config) -> int:
    """``settings``: the running app opens its Settings window (started first if needed)."""
    from desktop_client import forwarder, ipc  # noqa: PLC0415

    return forwarder.deliver(args.profile, ipc.Message("settings"))


def cmd_dial(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    if args.selection:
        if args.input is not None:
            raise UsageError("dial takes a NUMBER_OR_URI or --selection, not both")
        return _dial_selection(args, profile, config)
    if args.input is None:
        raise UsageError("dial needs a NUMBER_OR_URI (or --selection)")
    if not (args.dry_run or args.once):
        from desktop_client import forwarder, ipc  # noqa: PLC0415

        if len(args.input) > ipc.MAX_TEXT:
            raise UsageError(f"refused: the input is longer than {ipc.MAX_TEXT} characters")
        return forwarder.deliver(args.profile, ipc.Message("dial", text=args.input))
    from desktop_client import wiring  # noqa: PLC0415
    from desktop_client.core.dial import DialError  # noqa: PLC0415
    from desktop_client.outgoing.policy import Action, Source  # noqa: PLC0415

    journal = directory = None
    if args.once:
        from desktop_client.core.journal import Journal  # noqa: PLC0415

        profile.create()
        journal = Journal(profile.journal_file)
    try:
        if args.once:  # journaled under the contact's name, as a dial through the app is
            directory = _names_directory(profile)
        try:
            service = wiring.build_dial_service(config, journal, directory)
        except config_mod.ConfigError as error:
            return _not_set_up(args, config, error)
        decision = service.decide(args.input, Source.OUTSIDE, dry_run=args.dry_run)
        request = None
        if decision.action != Action.REJECT:
            try:
                request = service.build(decision)
            except DialError as error:
                raise UsageError(str(error)) from None
        if args.dry_run:
            return _print_decision(args, decision, request, service.backend.name)
        return _dial_once(args, service, decision, request, config)
    finally:
        if journal is not None:
            journal.close()
        if directory is not None:
            directory.close()


def _decision_json(args: argparse.Namespace, action: str, reason: str, *, number: Any,
                   backend: str, request: Any, countdown_s: int) -> dict[str, Any]:
    """The JSON of a dial decision (``dial --dry-run --json``), with the numbers found in
    the selection when there was one."""
    result = {"decision": action, "reason": reason, "number": number, "backend": backend,
              "request": request, "countdown_s": countdown_s}
    if getattr(args, "found", None):
        result["selection"] = args.found
    return result


def _not_set_up(args: argparse.Namespace, config: config_mod.Config,
                error: config_mod.ConfigError) -> int:
    """No phone to dial with yet: exit 1 (not the input's fault); ``--json`` still prints the
    decision, with what is missing and the number as it would be dialled."""
    from desktop_client import wiring  # noqa: PLC0415

    reason = f"no phone is set up: {error}"
    if args.json:
        number, number_error = wiring.describe_number(args.input, config.location())
        print_json(_decision_json(
            args, "reject", reason, number=number_json(args.input, number, number_error),
            backend=config.text("dial.backend"), request=None, countdown_s=0))
    else:
        print(f"desktop-client: {reason}", file=sys.stderr)
    return EXIT_FAILURE


def _names_directory(profile: Profile) -> Directory | None:
    """The directory that names the contact dialled, or None when it cannot be opened (a
    newer version's file, a full disk): the call goes out all the same, without a name."""
    import logging  # noqa: PLC0415
    import sqlite3  # noqa: PLC0415

    from desktop_client.core.store import StoreError  # noqa: PLC0415

    try:
        return open_directory(profile)
    except (StoreError, sqlite3.Error, OSError) as error:
        logging.getLogger("desktop_client.dial").warning(
            "dialling without contact names: %s", error)
        return None


def _dial_selection(args: argparse.Namespace, profile: Profile,
                    config: config_mod.Config) -> int:
    """``dial --selection``: the numbers in the selected text; the app picks among several."""
    from desktop_client import forwarder, ipc  # noqa: PLC0415
    from desktop_client.core.text_numbers import find_numbers  # noqa: PLC0415
    from desktop_client.platform.selection import SelectionError, read_selection  # noqa: PLC0415

    forwarding = not (args.dry_run or args.once)
    try:
        selection = read_selection()
    except SelectionError as error:
        print(f"desktop-client: {error}", file=sys.stderr)
        if forwarding:  # a shortcut has no terminal: the app tells the user
            forwarder.deliver(args.profile, ipc.Message("pick", note="no-tool"))
        elif args.json:
            print_json({"decision": "reject", "reason": str(error), "number": None,
                        "backend": config.text("dial.backend"), "request": None,
                        "countdown_s": 0, "selection": {"origin": "", "found": []}})
        return EXIT_FAILURE
    found = find_numbers(selection.text, config.location()) if selection.text.strip() else []
    if not found:
        note = "no-number" if selection.text.strip() else "no-text"
        reason = ("no phone number in the selected text" if note == "no-number"
                  else "nothing is selected and the clipboard is empty")
        if forwarding:
            forwarder.deliver(args.profile, ipc.Message("pick", note=note))
        if args.json:
            print_json({"decision": "reject", "reason": reason, "number": None,
                        "backend": config.text("dial.backend"), "request": None,
                        "countdown_s": 0, "selection": {"origin": selection.origin,
                                                        "found": []}})
        else:
            print(f"desktop-client: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if forwarding:
        lines: list[str] = []
        for number in found:  # as many as the message holds
            if len("\n".join([*lines, number.raw])) > ipc.MAX_TEXT:
                break
            lines.append(number.raw)
        return forwarder.deliver(args.profile, ipc.Message("pick", text="\n".join(lines)))
    if args.once and len(found) > 1:
        raise UsageError("the selection holds several numbers ("
                         + ", ".join(number.raw for number in found)
                         + "); dial one of them by name, or leave out --once to pick")
    args.input = found[0].raw
    args.found = {"origin": selection.origin, "found": [number.raw for number in found]}
    args.selection = False
    return cmd_dial(args, profile, config)


def _print_decision(args: argparse.Namespace, decision: Any, request: Any,
                    backend: str) -> int:
    target = decision.target
    number = target.number if target is not None else None
    if args.json:
        print_json(_decision_json(
            args, decision.action.value, decision.reason,
            number=number_json(args.input, number, decision.error if number is None else None)
            if number is not None or decision.error is not None else None,
            backend=backend, request=request.as_json() if request is not None else None,
            countdown_s=decision.countdown_s))
    else:
        print(f"{decision.action.value}: {decision.reason}")
        if request is not None:
            print(f"request: {json.dumps(request.as_json(), ensure_ascii=False)}")
    return EXIT_BAD_INPUT if decision.action.value == "reject" else EXIT_OK


def _dial_once(args: argparse.Namespace, service: Any, decision: Any, request: Any,
               config: config_mod.Config) -> int:
    from desktop_client import phones  # noqa: PLC0415
    from desktop_client.core.dial import DialError  # noqa: PLC0415
    from desktop_client.core.secrets import read_secret  # noqa: PLC0415

    if request is None:
        print(f"desktop-client: not dialled: {decision.reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if decision.action.value == "confirm" and not args.yes:
        print(f"desktop-client: needs a confirmation ({decision.reason}); add --yes to dial",
              file=sys.stderr)
        return EXIT_NEEDS_CONFIRMATION
    try:
        phones.system(request.backend).dial_once(request, config, read_secret)
    except DialError as error:
        service.record(decision, request, ok=False, detail=str(error))
        print(f"desktop-client: call failed: {error}", file=sys.stderr)
        return EXIT_FAILURE
    service.record(decision, request, ok=True)
    print(f"dialled {request.number} via {request.backend}")
    return EXIT_OK


def cmd_journal(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    from desktop_client.core.journal import Journal  # noqa: PLC0415

    profile.create()
    with Journal(profile.journal_file) as journal:
        entries = journal.recent(args.limit)
    if args.json:
        print_json([e.as_json() for e in entries])
        return EXIT_OK
    for entry in entries:
        who = entry.contact_name or entry.e164 or entry.number
        print(f"{entry.started_at}  {entry.direction:<8} {entry.state:<8} {who}")
    return EXIT_OK


def cmd_incoming(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    """Hand a call report to the running app (it is not started for this)."""
    from desktop_client import forwarder, ipc  # noqa: PLC0415

    message = ipc.Message("incoming", text=args.number[: ipc.MAX_TEXT], name=args.name[:1024],
                          call_id=args.call_id[:200], state=args.state)
    return forwarder.deliver(args.profile, message, start=False)
