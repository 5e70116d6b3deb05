"""The forwarder: what the OS runs for every click on a tel: link.

``desktop-client [--profile DIR] --uri URI`` (the registrations' form), ``desktop-client URI``
and ``desktop-client dial NUMBER`` hand the request to the running app over the IPC socket and
exit; if no app runs, they start one and hand it over once it answers. This path imports no
Qt, no phonenumbers and no argparse: the app validates everything again anyway.
"""

from __future__ import annotations

import os
import sys
import time

from desktop_client import ipc

URI_MARKER = "--uri"
SCHEMES = ("tel:", "callto:", "sip:", "sips:")
START_TIMEOUT_S = 20.0
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


def _profile_dir(chosen: str | None) -> str:
    """The same folder Profile.resolve picks (its config_dir), without importing it."""
    chosen = chosen or os.environ.get("DESKTOP_CLIENT_HOME")
    if chosen:
        return os.path.realpath(os.path.expanduser(chosen))
    from desktop_client.core.profile import Profile  # noqa: PLC0415 - only without --profile

    return str(Profile.resolve(None).config_dir)


def split_profile(argv: list[str]) -> tuple[str | None, list[str]]:
    """Take a leading ``--profile DIR`` (or ``--profile=DIR``) off the arguments."""
    if len(argv) >= 2 and argv[0] == "--profile":
        return argv[1], argv[2:]
    if argv and argv[0].startswith("--profile="):
        return argv[0].split("=", 1)[1], argv[1:]
    return None, argv


def forward_main(argv: list[str]) -> int | None:
    """Handle a forwarding command line; None if ``argv`` is something else."""
    profile, rest = split_profile(argv)
    if rest[:1] == [URI_MARKER]:
        # The OS hands us untrusted text: exactly one argument, never an option or a path.
        if len(rest) != 2 or rest[1].startswith(("-", "/")):
            print("desktop-client: --uri takes exactly one URI, and it may not start with "
                  "'-' or '/'", file=sys.stderr)
            return EXIT_BAD_INPUT
        text = rest[1]
    elif len(rest) == 1 and rest[0].lower().startswith(SCHEMES):
        text = rest[0]
    elif len(rest) == 2 and rest[0] == "dial" and not rest[1].startswith("-"):
        text = rest[1]
    else:
        return None
    if not text.strip():
        print("desktop-client: refused: the link is empty", file=sys.stderr)
        return EXIT_BAD_INPUT
    if len(text) > ipc.MAX_TEXT:
        print(f"desktop-client: refused: the input is longer than {ipc.MAX_TEXT} characters",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return deliver(profile, ipc.Message("dial", text=text))


def deliver(profile: str | None, message: ipc.Message, *, start: bool = True) -> int:
    """Send a message to the running app, starting it first if needed."""
    try:
        name = ipc.server_name(_profile_dir(profile))
        try:
            answer = ipc.send(name, message)
        except ipc.NoInstanceError:
            if not start:
                raise
            # Only when none runs: an app that is stuck gets no twin (its lock would stop
            # the twin anyway), and the user hears why at once.
            answer = _start_and_send(profile, name, message)
    except ipc.BadMessageError as error:  # the user's input: refused, as the app refuses
        print(f"desktop-client: refused: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ipc.IpcError as error:
        print(f"desktop-client: {error}", file=sys.stderr)
        return EXIT_FAILURE
    if not answer.get("ok"):
        print(f"desktop-client: refused: {answer.get('error', 'no reason given')}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _start_and_send(profile: str | None, name: str, message: ipc.Message) -> dict[str, object]:
    import subprocess  # noqa: PLC0415 - only when no app runs yet

    from desktop_client.core.profile import Profile  # noqa: PLC0415
    from desktop_client.platform import launcher  # noqa: PLC0415

    # The same command the tel: handler and the start at login run (absolute paths only).
    command = [*launcher(profile), "run"]

    log_dir = Profile.resolve(profile).log_dir
    os.makedirs(log_dir, mode=0o700, exist_ok=True)
    # What the app prints before its logging is up (a missing display, say) is kept here.
    errors_path = os.path.join(log_dir, "desktop-client.stderr.log")
    errors = open(errors_path, "ab")  # noqa: SIM115
    errors_start = errors.seek(0, os.SEEK_END)
    options: dict[str, object] = {}
    if sys.platform == "win32":  # pragma: no cover - Windows only
        options["creationflags"] = subprocess.DETACHED_PROCESS  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    with errors:
        app = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=errors, close_fds=True, **options)  # type: ignore[call-overload]
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            return ipc.send(name, message)
        except ipc.IpcError:
            status = app.poll()
            if status is not None and status != 0:  # it gave up: say why now, not in 20 s
                raise ipc.IpcError("the app could not start: "
                                   + _last_line(errors_path, errors_start)) from None
            if time.monotonic() > deadline:
                raise ipc.IpcError(f"the app did not start in time; see {errors_path}"
                                   ) from None
            time.sleep(0.05)


def _last_line(path: str, start: int) -> str:
    """The last line the app wrote to its stderr file since ``start``."""
    try:
        with open(path, "rb") as stream:
            stream.seek(start)
            lines = stream.read(64 * 1024).decode("utf-8", "replace").strip().splitlines()
    except OSError:
        lines = []
    text = lines[-1] if lines else "it exited without a word"
    return text.removeprefix("desktop-client: ")[:300]
