"""Entry point of ``desktop-client`` and ``python -m desktop_client``."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line and exit with its status."""
    from desktop_client.cli import main as cli_main  # noqa: PLC0415 - keep import cheap

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
