"""The packaging files hand links over the safe way and declare what each system needs."""

from __future__ import annotations

import configparser
import plistlib
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop_client.platform.linux import desktop_entry

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_macos_bundle_declares_tel_and_callto_and_is_tray_only() -> None:
    plist = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert plist["LSUIElement"] is True
    schemes = [s for t in plist["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]]
    assert schemes == ["tel", "callto"]


def test_linux_desktop_entry_matches_what_register_writes() -> None:
    shipped = configparser.ConfigParser(interpolation=None)
    shipped.optionxform = str  # type: ignore[assignment,method-assign]
    shipped.read(PACKAGING / "linux" / "desktop-client.desktop", encoding="utf-8")
    entry = shipped["Desktop Entry"]
    assert entry["Exec"] == "desktop-client --uri %u"
    assert entry["MimeType"] == "x-scheme-handler/tel;x-scheme-handler/callto;"
    generated = configparser.ConfigParser(interpolation=None)
    generated.optionxform = str  # type: ignore[assignment,method-assign]
    generated.read_string(desktop_entry(["desktop-client"], ("tel", "callto"), handler=True))
    assert dict(generated["Desktop Entry"]) == dict(entry)


def test_metainfo_is_well_formed() -> None:
    root = ET.parse(PACKAGING / "linux" / "ch.desktopclient.TelephonyClient.metainfo.xml")
    assert root.getroot().findtext("launchable") == "desktop-client.desktop"


def test_windows_installer_uses_the_marker() -> None:
    script = (PACKAGING / "windows" / "desktop-client.iss").read_text(encoding="utf-8")
    assert '""{app}\\{#AppExe}"" --uri ""%1""' in script
    assert 'ValueName: "tel"; ValueData: "DesktopClient.Url"' in script
    assert 'ValueName: "callto"; ValueData: "DesktopClient.Url"' in script
