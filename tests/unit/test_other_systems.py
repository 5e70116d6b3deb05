"""Windows and macOS registration, hand-off guard, autostart and bundle, with fakes of the
registry, the shell's association query and Launch Services (no such systems run here)."""

from __future__ import annotations

import importlib.util
import plistlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from desktop_client.platform import SCHEMES, launcher, macos, registration, windows

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
WIN_EXE = r"C:\Users\anna\AppData\Local\Programs\TelephonyClient\desktop-client.exe"


class FakeAssociations:
    """IApplicationAssociationRegistration::QueryCurrentDefault."""

    def __init__(self, defaults: dict[str, str] | None = None, *, broken: bool = False) -> None:
        self.defaults = defaults or {}
        self.broken = broken

    def current_default(self, scheme: str) -> str | None:
        if self.broken:
            raise OSError("CoCreateInstance failed")
        if scheme not in self.defaults:  # HRESULT_FROM_WIN32(ERROR_NO_ASSOCIATION)
            raise OSError(-2147023989, "No application is associated")
        return self.defaults[scheme]


class FakeLaunchServices:
    """NSWorkspace's default app per scheme, and NSBundle's identifiers."""

    def __init__(self, bundles: dict[str, str]) -> None:
        self.bundles = bundles  # app path -> bundle id
        self.defaults: dict[str, str] = {}
        self.refuse = False

    def default_app(self, scheme: str) -> str | None:
        return self.defaults.get(scheme)

    def bundle_id(self, app_path: str) -> str | None:
        return self.bundles.get(app_path)

    def set_default_app(self, app_path: str, scheme: str) -> None:
        if self.refuse:
            raise OSError("The operation couldn't be completed. (OSStatus error -54.)")
        self.defaults[scheme] = app_path


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> windows.MemoryRegistry:
    registry = windows.MemoryRegistry()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", WIN_EXE)
    return registry


def _windows_os(monkeypatch: pytest.MonkeyPatch, registry: windows.MemoryRegistry,
                associations: FakeAssociations) -> None:
    monkeypatch.setattr(registration, "windows_system", lambda: (registry, associations))


@pytest.mark.parametrize(("defaults", "expected"), [
    ({"callto": windows.PROG_ID}, True),   # we are callto:'s handler: handing off loops
    ({"callto": "Skype.callto"}, False),
    ({}, False),
])
def test_windows_handoff_guard_asks_the_shell(
        on_windows: windows.MemoryRegistry, monkeypatch: pytest.MonkeyPatch,
        defaults: dict[str, str], expected: bool) -> None:
    _windows_os(monkeypatch, on_windows, FakeAssociations(defaults))
    assert registration.handler_is_us("callto") is expected


def test_windows_handoff_guard_knows_us_under_another_progid(
        on_windows: windows.MemoryRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    """An admin's GPO registered its own ProgID that runs our program."""
    on_windows.set(r"Software\Classes\Company.Callto\shell\open\command", "",
                   f'"{WIN_EXE}" --uri "%1"')
    _windows_os(monkeypatch, on_windows, FakeAssociations({"callto": "Company.Callto"}))
    assert registration.handler_is_us("callto")


def test_windows_handoff_guard_falls_back_on_the_user_choice(
        on_windows: windows.MemoryRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    on_windows.set(windows.USER_CHOICE.format("callto"), "ProgId", windows.PROG_ID)
    _windows_os(monkeypatch, on_windows, FakeAssociations(broken=True))
    assert registration.handler_is_us("callto")
    assert [r.is_us for r in registration.doctor()] == [False, True]


@pytest.fixture
def on_macos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeLaunchServices:
    """The app runs from its bundle; Launch Services knows it and FaceTime."""
    program = tmp_path / "Applications" / "Telephony Client.app" / "Contents" / "MacOS" / \
        "desktop-client"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"\xcf\xfa\xed\xfe")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    services = FakeLaunchServices({
        str(program.parents[2]): macos.BUNDLE_ID,
        "/System/Applications/FaceTime.app": "com.apple.FaceTime"})
    monkeypatch.setattr(registration, "macos_services", lambda: services)
    return services


def test_macos_register_asks_launch_services_for_each_scheme(
        on_macos: FakeLaunchServices) -> None:
    bundle = str(Path(sys.executable).parents[2])
    said = registration.register(None)
    assert on_macos.defaults == {"tel": bundle, "callto": bundle}
    assert "tel:, callto:" in said
    assert [r.is_us for r in registration.doctor()] == [True, True, False]


def test_macos_register_outside_a_bundle_says_why(
        on_macos: FakeLaunchServices, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "venv" / "bin" / "python3"))
    with pytest.raises(RuntimeError, match="only the app bundle can handle links"):
        registration.register(None)
    assert on_macos.defaults == {}


def test_macos_register_refused_says_where_to_choose(on_macos: FakeLaunchServices) -> None:
    on_macos.refuse = True
    with pytest.raises(RuntimeError, match="FaceTime > Settings > Default for calls"):
        registration.register(None)


def test_macos_handoff_guard_and_unregister(on_macos: FakeLaunchServices) -> None:
    on_macos.defaults["callto"] = "/System/Applications/FaceTime.app"
    assert not registration.handler_is_us("callto")
    assert registration.unregister().startswith("nothing to undo")
    registration.register(None)
    assert registration.handler_is_us("callto")  # the hand-off would come back to us
    # Another copy of the app (an older one in Downloads) is us as well.
    on_macos.bundles["/Users/anna/Downloads/Telephony Client.app"] = macos.BUNDLE_ID
    on_macos.defaults["callto"] = "/Users/anna/Downloads/Telephony Client.app"
    assert registration.handler_is_us("callto")
    said = registration.unregister()
    assert "tel:, callto:" in said and "FaceTime" in said


def test_macos_start_at_login_is_a_launch_agent(on_macos: FakeLaunchServices,
                                                tmp_path: Path) -> None:
    registration.set_autostart(None, True)
    path = tmp_path / "home" / "Library" / "LaunchAgents" / f"{macos.BUNDLE_ID}.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == macos.BUNDLE_ID
    assert agent["ProgramArguments"] == [*launcher(None), "run"]
    assert agent["ProgramArguments"][0] == sys.executable
    assert agent["RunAtLoad"] is True
    registration.set_autostart(None, False)
    assert not path.exists()


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("qt", "minimum"), [("6.6.3", "11.0"), ("6.8.1", "12.0"),
                                             ("6.10.0", "13.0")])
def test_bundle_claims_the_macos_its_qt_needs(qt: str, minimum: str) -> None:
    plist = _build().info_plist(qt)
    assert plist["LSMinimumSystemVersion"] == minimum
    assert plist["CFBundleIdentifier"] == macos.BUNDLE_ID


def test_a_qt_the_build_does_not_know_stops_the_build() -> None:
    with pytest.raises(SystemExit, match="MACOS_MINIMUM"):
        _build().macos_minimum("6.11.0")


def test_info_plist_as_shipped() -> None:
    plist = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    build = _build()
    newest = max(build.MACOS_MINIMUM)
    version = tuple(int(p) for p in plist["LSMinimumSystemVersion"].split("."))
    assert version >= tuple(int(p) for p in build.MACOS_MINIMUM[newest].split("."))
    for url_type in plist["CFBundleURLTypes"]:
        assert url_type["CFBundleURLName"].startswith(macos.BUNDLE_ID + ".")
    assert [s for t in plist["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]] == \
        list(SCHEMES)


def test_release_build_is_signed_for_notarization_then_notarized(tmp_path: Path) -> None:
    build = _build()
    app = tmp_path / "Telephony Client.app"
    sign = build.codesign_command(app, "Developer ID Application: Example AG (TEAM123456)")
    assert sign[:2] == ["codesign", "--force"] and sign[-1] == str(app)
    assert {"--timestamp", "runtime"} <= set(sign)  # what the notary service requires
    assert build.codesign_command(app, None)[-2:] == ["-", str(app)]  # ad hoc
    steps = [command[:3] for command in build.notarize_commands(app, "notary")]
    assert steps == [["ditto", "-c", "-k"], ["xcrun", "notarytool", "submit"],
                     ["xcrun", "stapler", "staple"], ["spctl", "--assess", "--type"]]
    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert set(entitlements) == {"com.apple.security.cs.allow-unsigned-executable-memory"}
