"""Build the packages people install.

    python packaging/build.py deb        # dist/desktop-client_<version>_amd64.deb
    python packaging/build.py tarball    # dist/desktop-client-<version>-linux-x86_64.tar.gz
    python packaging/build.py windows    # on Windows: PyInstaller folder + Inno Setup installer
    python packaging/build.py macos      # on macOS: "Telephony Client.app", signed (and
                                         # notarized with MACOS_SIGNING_IDENTITY and
                                         # MACOS_NOTARY_PROFILE set; ad hoc without)

One PyInstaller folder (packaging/desktop-client.spec) is the program everywhere. On Linux it
goes to /opt/desktop-client with /usr/bin/desktop-client pointing at it, the desktop entry
(tel: and callto: handler), the icon in the hicolor theme and the AppStream metainfo.
"""

from __future__ import annotations

import argparse
import os
import platform
import plistlib
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_ID = "ch.desktopclient.TelephonyClient"
# What Qt's xcb platform plugin needs from the system that the bundle does not carry
# reliably (GL/EGL drivers, X and xcb libraries that must match the X server's).
DEPENDS = ("libc6 (>= 2.36), libegl1, libgl1, libfontconfig1, libfreetype6, libx11-6, "
           "libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, "
           "libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, "
           "libxcb-xinerama0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3")
RECOMMENDS = ("gnome-keyring | kwalletmanager | keepassxc, xdg-utils, "
              "xclip | xsel | wl-clipboard")  # dial --selection reads the selection with them


def version() -> str:
    """The version in pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def bundle() -> Path:
    """Run PyInstaller; the one-folder program."""
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(WORK / "pyinstaller" / "dist"),
                    "--workpath", str(WORK / "pyinstaller" / "work"),
                    str(ROOT / "packaging" / "desktop-client.spec")], check=True, cwd=ROOT)
    return WORK / "pyinstaller" / "dist" / "desktop-client"


def _desktop_entry() -> str:
    text = (ROOT / "packaging" / "linux" / "desktop-client.desktop").read_text(encoding="utf-8")
    # The package ships its own icon; the per-user entry of `register` uses the theme's.
    return text.replace("Icon=phone\n", "Icon=desktop-client\n")


def stage_linux(program: Path, root: Path) -> None:
    """The files of the Linux install under ``root`` (as if ``root`` were /)."""
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / "desktop-client"
    shutil.copytree(program, opt, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "desktop-client").symlink_to("/opt/desktop-client/desktop-client")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / "desktop-client.desktop").write_text(_desktop_entry(),
                                                                   encoding="utf-8")
    icons = share / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "desktop-client.svg", icons)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    docs = share / "doc" / "desktop-client"
    docs.mkdir(parents=True)
    shutil.copy2(ROOT / "README.md", docs)
    for path in root.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)


def build_deb() -> Path:
    """dist/desktop-client_<version>_amd64.deb"""
    program = bundle()
    root = WORK / "deb" / "root"
    stage_linux(program, root)
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()
                  and not p.is_symlink()) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: desktop-client\nVersion: {version()}\nArchitecture: amd64\n"
        "Maintainer: Telephony Client developers <dev@desktop-client.invalid>\n"
        f"Installed-Size: {size_kb}\nSection: comm\nPriority: optional\n"
        f"Depends: {DEPENDS}\nRecommends: {RECOMMENDS}\n"
        "Homepage: https://desktop-client.invalid/\n"
        "Description: tel: handler and caller pop-up for office PCs\n"
        " Dials tel: and callto: links from your CRM (first of all Vertec) through your\n"
        " softphone, desk phone or phone system, shows who is calling, and keeps a call\n"
        " journal. Credentials live in the system keyring.\n", encoding="utf-8")
    DIST.mkdir(exist_ok=True)
    target = DIST / f"desktop-client_{version()}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root),
                    str(target)], check=True)
    return target


def build_tarball() -> Path:
    """dist/desktop-client-<version>-linux-x86_64.tar.gz: the same files, for other systems."""
    program = bundle()
    root = WORK / "tarball" / f"desktop-client-{version()}"
    stage_linux(program, root)
    DIST.mkdir(exist_ok=True)
    target = DIST / f"desktop-client-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz") as archive:
        archive.add(root, arcname=root.name)
    return target


def build_windows() -> Path:
    """On Windows: the PyInstaller folder, then Inno Setup (iscc) makes the installer."""
    if sys.platform != "win32":
        raise SystemExit("build.py windows runs on Windows (PyInstaller cannot cross-build); "
                         "see packaging/README.md")
    bundle()
    iscc = shutil.which("iscc") or r"C:\\Program Files (x86)\\Inno Setup 6\\ISCC.exe"
    subprocess.run([iscc, f"/DAppVersion={version()}",
                    str(ROOT / "packaging" / "windows" / "desktop-client.iss")], check=True)
    return DIST


#: The oldest macOS each Qt release runs on ("Supported Configurations" on
#: https://doc.qt.io/qt-6.N/macos.html). The bundle must not claim less: an older Mac would
#: start it and crash instead of saying that the app needs a newer macOS.
MACOS_MINIMUM = {(6, 5): "11.0", (6, 6): "11.0", (6, 7): "11.0", (6, 8): "12.0",
                 (6, 9): "12.0", (6, 10): "13.0"}


def macos_minimum(qt_version: str) -> str:
    """LSMinimumSystemVersion for a Qt version; stops the build for a Qt it does not know."""
    release = tuple(int(part) for part in qt_version.split(".")[:2])
    if release not in MACOS_MINIMUM:
        raise SystemExit(f"Qt {qt_version}: add the oldest macOS it supports (see "
                         "https://doc.qt.io/qt-6/macos.html) to MACOS_MINIMUM in "
                         "packaging/build.py")
    return MACOS_MINIMUM[release]


def info_plist(qt_version: str) -> dict[str, object]:
    """The bundle's Info.plist: packaging/macos/Info.plist with this build's versions."""
    plist: dict[str, object] = plistlib.loads(
        (ROOT / "packaging" / "macos" / "Info.plist").read_bytes())
    plist["LSMinimumSystemVersion"] = macos_minimum(qt_version)
    plist["CFBundleShortVersionString"] = plist["CFBundleVersion"] = version()
    return plist


def codesign_command(app: Path, identity: str | None) -> list[str]:
    """Sign with a Developer ID (hardened runtime, secure timestamp: what notarization
    requires), or ad hoc for a build that stays on this Mac."""
    if not identity:
        return ["codesign", "--force", "--deep", "--sign", "-", str(app)]
    return ["codesign", "--force", "--deep", "--options", "runtime", "--timestamp",
            "--entitlements", str(ROOT / "packaging" / "macos" / "entitlements.plist"),
            "--sign", identity, str(app)]


def notarize_commands(app: Path, notary_profile: str) -> list[list[str]]:
    """Apple's notary service, then the ticket stapled to the app, then Gatekeeper's own
    check: without them a downloaded app is blocked and the first tel: click is lost."""
    archive = app.with_suffix(".zip")
    return [
        ["ditto", "-c", "-k", "--keepParent", str(app), str(archive)],
        ["xcrun", "notarytool", "submit", str(archive), "--keychain-profile", notary_profile,
         "--wait"],
        ["xcrun", "stapler", "staple", str(app)],
        ["spctl", "--assess", "--type", "execute", "--verbose", str(app)],
    ]


def build_macos() -> Path:
    """On macOS: the .app from the spec, signed; notarized when a notary profile is set."""
    if sys.platform != "darwin":
        raise SystemExit("build.py macos runs on macOS; see packaging/README.md")
    bundle()
    app = WORK / "pyinstaller" / "dist" / "Telephony Client.app"
    identity = os.environ.get("MACOS_SIGNING_IDENTITY")
    notary_profile = os.environ.get("MACOS_NOTARY_PROFILE")
    subprocess.run(codesign_command(app, identity), check=True)
    if identity and notary_profile:
        for command in notarize_commands(app, notary_profile):
            subprocess.run(command, check=True)
    else:
        print("build.py: NOT NOTARIZED: Gatekeeper blocks this app on other Macs; set "
              "MACOS_SIGNING_IDENTITY and MACOS_NOTARY_PROFILE for a release",
              file=sys.stderr)
    DIST.mkdir(exist_ok=True)
    target = DIST / "Telephony Client.app"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(app, target, symlinks=True)
    return target


def main(argv: list[str] | None = None) -> int:
    """Build what was asked for and print where it is."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=("deb", "tarball", "windows", "macos"))
    args = parser.parse_args(argv)
    builders = {"deb": build_deb, "tarball": build_tarball, "windows": build_windows,
                "macos": build_macos}
    print(builders[args.target]())
    return 0


if __name__ == "__main__":
    sys.exit(main())
