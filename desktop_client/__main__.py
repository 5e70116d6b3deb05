"""Entry point of ``desktop-client`` and ``python -m desktop_client``."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line and exit with its status.

    A click on a tel: link takes the forwarder's short path: no argparse, no Qt.
    """
    if getattr(sys, "frozen", False):  # the bundle: a worker of the Normalize run starts here
        import multiprocessing  # noqa: PLC0415

        multiprocessing.freeze_support()
    from desktop_client.forwarder import forward_main, split_profile  # noqa: PLC0415

    status = forward_main(sys.argv[1:])
    profile, rest = split_profile(sys.argv[1:])
    if status is None and rest in ([], ["run"]):
        from desktop_client.launch import run  # noqa: PLC0415 - the tray's own short path

        status = run(profile)
    if status is None:
        from desktop_client.cli import main as cli_main  # noqa: PLC0415

        status = cli_main()
    sys.exit(status)


if __name__ == "__main__":
    main()
