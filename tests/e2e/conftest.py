"""End-to-end fixtures: the real app with the baresip backend, a real baresip, a real sipp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.lab import Baresip, SippPbx
from tests.keyring_session import secret_service


@pytest.fixture
def keyring_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a fresh, unlocked gnome-keyring on a private D-Bus."""
    with secret_service(tmp_path / "home") as env:
        yield env


@pytest.fixture
def pbx(tmp_path: Path) -> Iterator[SippPbx]:
    peer = SippPbx(tmp_path / "sipp")
    yield peer
    peer.stop()


@pytest.fixture
def baresip(tmp_path: Path, pbx: SippPbx) -> Iterator[Baresip]:
    phone = Baresip(tmp_path / "baresip", pbx.port)
    yield phone
    phone.stop()


def baresip_config(profile: Path, address: str) -> None:
    """config.toml for the baresip backend without a countdown."""
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "config.toml").write_text(
        f'[dial]\nbackend = "baresip"\ncountdown_s = 0\n'
        f'[backends.baresip]\naddress = "{address}"\n[app]\nregister_asked = true\n',
        encoding="utf-8")
