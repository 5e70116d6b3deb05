"""The Inno Setup script writes what ``register()`` writes, and takes all of it away again."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desktop_client.platform import launcher, windows

ISS = Path(__file__).parents[2] / "packaging" / "windows" / "desktop-client.iss"
APP = r"C:\Users\anna\AppData\Local\Programs\TelephonyClient"
PARAM = re.compile(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)')


class KeyedRegistry(windows.MemoryRegistry):
    """MemoryRegistry that also knows which keys exist (a value's key and its parents)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: set[str] = set()

    def create_key(self, key: str) -> None:
        parts = key.lower().split("\\")
        self.keys.update("\\".join(parts[:i]) for i in range(1, len(parts) + 1))

    def set(self, key: str, name: str, value: str) -> None:
        self.create_key(key)
        super().set(key, name, value)

    def delete(self, key: str, name: str | None = None) -> None:
        super().delete(key, name)
        if name is None:
            low = key.lower()
            self.keys = {k for k in self.keys if k != low and not k.startswith(low + "\\")}


def _script() -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    defines: dict[str, str] = {}
    sections: dict[str, list[dict[str, str]]] = {}
    current = ""
    for raw_line in ISS.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line or line.startswith(";"):
            continue
        if match := re.fullmatch(r'#define\s+(\w+)\s+"(.*)"', line):
            defines[match[1]] = match[2]
        elif match := re.fullmatch(r"\[(\w+)\]", line):
            current = match[1]
        elif current in ("Registry", "Run"):
            entry = {}
            for key, raw in PARAM.findall(line):
                value = raw[1:-1].replace('""', '"') if raw.startswith('"') else raw.strip()
                entry[key] = value
            sections.setdefault(current, []).append(entry)
    return defines, sections


def _expand(text: str, defines: dict[str, str]) -> str:
    text = re.sub(r"\{#(\w+)\}", lambda m: defines[m[1]], text)
    return text.replace("{app}", APP)


def _install(registry: KeyedRegistry) -> list[dict[str, str]]:
    defines, sections = _script()
    entries = sections["Registry"]
    for entry in entries:
        assert entry["Root"] == "HKCU", "a per-user install writes only HKEY_CURRENT_USER"
        key = _expand(entry["Subkey"], defines)
        registry.create_key(key)
        if entry.get("ValueType", "none") == "string":
            registry.set(key, _expand(entry["ValueName"], defines),
                         _expand(entry["ValueData"], defines))
    return entries


def _uninstall(registry: KeyedRegistry, entries: list[dict[str, str]]) -> None:
    defines, _ = _script()
    for entry in reversed(entries):
        flags = entry.get("Flags", "").split()
        key = _expand(entry["Subkey"], defines)
        if "uninsdeletekey" in flags:
            registry.delete(key)
        elif "uninsdeletevalue" in flags:
            registry.delete(key, _expand(entry["ValueName"], defines))


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    defines, _ = _script()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", APP + "\\" + defines["AppExe"])
    return launcher(None)


def test_setup_writes_exactly_what_register_writes(frozen: list[str]) -> None:
    by_setup = KeyedRegistry()
    _install(by_setup)
    by_app = KeyedRegistry()
    windows.register(by_app, frozen, open_settings=False)
    assert by_setup.values == by_app.values
    # The first-start question "Open tel: links with …?" writes it again: nothing changes.
    windows.register(by_setup, frozen, open_settings=False)
    assert by_setup.values == by_app.values


def test_uninstall_leaves_nothing_the_app_or_setup_wrote(frozen: list[str]) -> None:
    registry = KeyedRegistry()
    registry.create_key(windows.RUN_KEY)  # Windows' own keys are there before us
    registry.set(windows.RUN_KEY, "OneDrive", '"C:\\OneDrive.exe" /background')
    registry.set(windows.REGISTERED, "Firefox-308046B0AF4A39CB", "Software\\Firefox\\Caps")
    entries = _install(registry)
    windows.register(registry, frozen, open_settings=False)
    windows.set_autostart(registry, frozen, True)  # "Start at login" was on
    _uninstall(registry, entries)
    assert registry.values == {
        (windows.RUN_KEY.lower(), "OneDrive"): '"C:\\OneDrive.exe" /background',
        (windows.REGISTERED.lower(), "Firefox-308046B0AF4A39CB"): "Software\\Firefox\\Caps"}
    ours = {windows.APP_KEY.lower(), rf"{windows.CLASSES}\{windows.PROG_ID}".lower()}
    assert not {k for k in registry.keys if any(k.startswith(o) for o in ours)}


def test_setup_offers_our_page_of_default_apps_checked() -> None:
    _, sections = _script()
    pages = [e for e in sections["Run"] if e["Filename"].startswith("ms-settings:")]
    assert [p["Filename"] for p in pages] == [windows.DEFAULT_APPS_URI]
    flags = pages[0]["Flags"].split()
    assert "unchecked" not in flags and "shellexec" in flags and "postinstall" in flags
    defines, _ = _script()
    assert windows.DEFAULT_APPS_URI.endswith(
        "registeredAppUser=" + defines["AppName"].replace(" ", "%20"))
