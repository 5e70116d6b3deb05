"""``desktop-client secret set|delete|status``: the keyring entries of the settings schema.

The value comes from standard input, never from the command line (argv is visible to every
user of the machine in the process list). Exit 2 for a key that is not a secret of the
settings schema, 1 when the keyring is unusable (fail, null or plaintext backend) or refuses.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_client import settings
from desktop_client.cli_common import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, print_json
from desktop_client.core import config as config_mod
from desktop_client.core.profile import Profile

if TYPE_CHECKING:
    from desktop_client.core.secrets import SecretStore

MAX_SECRET_CHARS = 4096


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``secret`` sub-command and its own sub-commands."""
    secret = sub.add_parser("secret", help="store, delete or check passwords and tokens in "
                            "the system keyring")
    actions = secret.add_subparsers(dest="action", metavar="ACTION", required=True)
    store = actions.add_parser("set", help="store KEY's value, read from standard input")
    store.add_argument("key", metavar="KEY")
    delete = actions.add_parser("delete", help="forget KEY")
    delete.add_argument("key", metavar="KEY")
    status = actions.add_parser("status", help="which keyring is used and which keys are set")
    status.add_argument("--json", action="store_true", help="print JSON")


def cmd_secret(args: argparse.Namespace, profile: Profile, config: config_mod.Config) -> int:
    """Run ``secret set|delete|status``."""
    from desktop_client.core.secrets import SecretError, SecretStore  # noqa: PLC0415

    store = SecretStore()
    if args.action == "status":
        return _status(store, args.json)
    if args.key not in settings.SECRETS:
        print(f"desktop-client: {args.key!r} is not a secret of the settings; known: "
              f"{', '.join(settings.SECRETS)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if args.action == "delete":
            store.delete(args.key)
            print(f"deleted {args.key}")
            return EXIT_OK
        value = _read_value(args.key)
        if value is None:
            return EXIT_BAD_INPUT
        store.set(args.key, value)
    except SecretError as error:
        print(f"desktop-client: {error}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"stored {args.key} in the keyring")
    return EXIT_OK


def _read_value(key: str) -> str | None:
    """The value from standard input: hidden when typed, the first line when piped."""
    if sys.stdin is None:
        print("desktop-client: no standard input to read the value from", file=sys.stderr)
        return None
    if sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        value = getpass.getpass(f"{key}: ")
    else:
        value = sys.stdin.readline(MAX_SECRET_CHARS + 2).rstrip("\r\n")
    if not value:
        print("desktop-client: refused: the value is empty (read from standard input, e.g. "
              f"'printf %s \"$PW\" | desktop-client secret set {key}')", file=sys.stderr)
        return None
    if len(value) > MAX_SECRET_CHARS or any(ord(c) < 32 or c == "\x7f" for c in value):
        print(f"desktop-client: refused: the value has control characters or is longer than "
              f"{MAX_SECRET_CHARS} characters", file=sys.stderr)
        return None
    return value


def _status(store: SecretStore, as_json: bool) -> int:
    from desktop_client.core.secrets import SecretError  # noqa: PLC0415

    status = store.status()
    keys: dict[str, bool | None] = {}
    for key in settings.SECRETS:
        try:
            keys[key] = bool(store.get(key)) if status.usable else None
        except SecretError:
            keys[key] = None
    if as_json:
        print_json({"backend": status.backend, "usable": status.usable,
                    "problem": status.problem or None,
                    "keys": {key: ("set" if value else "not set" if value is not None
                                   else "unknown") for key, value in keys.items()}})
    else:
        print(f"keyring: {status.backend} ({'usable' if status.usable else status.problem})")
        for key, value in keys.items():
            print(f"  {key}: {'set' if value else 'not set' if value is not None else '?'}")
    return EXIT_OK if status.usable else EXIT_FAILURE
