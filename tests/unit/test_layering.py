"""The core stays free of Qt, and the command line's import is cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_client

PACKAGE = Path(desktop_client.__file__).parent


def test_core_and_cli_import_no_qt() -> None:
    modules = sorted(f"desktop_client.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py"))
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "import desktop_client.cli\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "heavy = sorted(m for m in sys.modules if m.startswith('phonenumbers.geo'))\n"
            "print(bad, heavy)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[] []"


def test_no_core_source_mentions_qt() -> None:
    for path in (PACKAGE / "core").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text and "PyQt" not in text, path


def test_joining_the_settings_loads_each_system_s_settings_module_and_nothing_more() -> None:
    """The tray and every command join the schema at start: a system's settings module that
    imported its dial, wire or link code would load it into every start."""
    code = ("import sys\nbefore = set(sys.modules)\nimport desktop_client.settings\n"
            "print(sorted(m for m in set(sys.modules) - before if m.startswith('desktop_client')"
            "))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    from desktop_client import phones

    expected = {"desktop_client", "desktop_client.core", "desktop_client.core.config",
                "desktop_client.core.core_settings", "desktop_client.phones",
                "desktop_client.settings"}
    expected |= {f"desktop_client.phones.{name}" for name in phones.SYSTEMS}
    expected |= {f"desktop_client.phones.{name}.settings" for name in phones.SYSTEMS}
    loaded = set(ast.literal_eval(result.stdout.strip()))
    assert loaded == expected


def test_the_idle_tray_loads_no_phonenumbers_keyring_or_openssl(tmp_path: Path) -> None:
    code = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_RUNTIME_DIR"] = {str(tmp_path)!r}
from desktop_client.app import TrayApp
from desktop_client import settings
from desktop_client.core.profile import Profile
profile = Profile.resolve({str(tmp_path / "p")!r})
app = TrayApp(profile, settings.defaults().with_values(app__register_asked=True), [])
assert app.start() and app.finish_start_now()
print(sorted(m for m in ("phonenumbers", "keyring", "_hashlib", "desktop_client.wiring",
                         "desktop_client.core.directory") if m in sys.modules))
app.close()
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _system_name_checks(path: Path) -> list[str]:
    """Comparisons of something with a phone system's name (``x == "ami"``, ``x in (…)``)."""
    import ast

    from desktop_client import phones

    names = set(phones.SYSTEMS) | set(phones.sources())
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        for side in (node.left, *node.comparators):
            literals = side.elts if isinstance(side, ast.Tuple | ast.List | ast.Set) else [side]
            for literal in literals:
                if isinstance(literal, ast.Constant) and literal.value in names:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {literal.value!r}")
    return found


def test_only_the_phone_system_modules_ask_which_system_is_configured() -> None:
    """Adding a phone system is one module in desktop_client/phones and one line in its
    registry: no if/elif on a system's name anywhere else."""
    outside = [p for p in PACKAGE.rglob("*.py") if "phones" not in p.relative_to(PACKAGE).parts]
    assert [hit for path in outside for hit in _system_name_checks(path)] == []


def test_every_registered_phone_system_is_one_qt_free_module() -> None:
    from desktop_client import phones

    code = ("import sys\nfrom desktop_client import phones\n"
            "systems = [phones.system(n) for n in phones.SYSTEMS]\n"
            "print([s.name for s in systems])\n"
            "print(sorted(m for m in ('PySide6', 'phonenumbers', 'keyring', 'ssl') "
            "if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    names, loaded = result.stdout.strip().splitlines()
    assert names == str(list(phones.SYSTEMS))
    assert loaded == "[]"  # the command line, the forwarder and the idle tray stay light
    assert set(phones.sources().values()) <= set(phones.SYSTEMS)


def test_numbers_are_parsed_only_in_the_core() -> None:
    """Outside core/ only the place names of unknown callers read phonenumbers' data."""
    importers = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if any(line.lstrip().startswith(("import phonenumbers", "from phonenumbers"))
               for line in path.read_text(encoding="utf-8").splitlines()))
    assert [p for p in importers if not p.startswith("core/")] == ["incoming/places.py"]


def _imports(path: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


_UP = ("desktop_client.qt", "desktop_client.ui", "desktop_client.wiring", "desktop_client.app",
       "PySide6")


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("outgoing", ("desktop_client.incoming", "desktop_client.phones", *_UP)),
    ("incoming", ("desktop_client.outgoing", "desktop_client.phones", *_UP)),
    ("ui", ("sqlite3", "keyring", "desktop_client.core.store",
            "desktop_client.core.secrets.SecretStore", "desktop_client.core.secrets.read_secret")),
])
def test_outgoing_and_incoming_code_stay_apart_and_nothing_imports_upward(
        folder: str, forbidden: tuple[str, ...]) -> None:
    """OUT (outgoing/) and IN (incoming/) share only the core; neither imports a phone
    system, Qt or the composition root; widgets touch no SQL and no keyring."""
    hits = sorted(f"{path.relative_to(PACKAGE)}: {name}"
                  for path in (PACKAGE / folder).rglob("*.py")
                  for name in _imports(path)
                  if any(name == f or name.startswith(f + ".") for f in forbidden))
    assert hits == []


#: Inside a phone system's folder, the modules that are protocol code, and what they never use.
_PHONE_PARTS = {
    "wire": ("desktop_client.outgoing", "desktop_client.incoming", *_UP),
    "dial": ("desktop_client.incoming", *_UP),
    "events": ("desktop_client.outgoing", *_UP),
    "monitor": ("desktop_client.outgoing", *_UP),
    "action_url": ("desktop_client.outgoing", *_UP),
    "request": ("desktop_client.incoming", *_UP),
    "auth": ("desktop_client.outgoing", "desktop_client.incoming", *_UP),
    "settings": ("desktop_client.outgoing", "desktop_client.incoming", *_UP),
}


def test_a_phone_system_is_one_folder_whose_protocol_code_is_free_of_qt() -> None:
    """phones/<name>/: ``system`` (registered), ``wire``, ``dial``, ``events``… without Qt,
    ``link`` and ``control`` with it; a system's dial code never imports incoming code and
    its event code no outgoing code; no system imports another's folder."""
    from desktop_client import phones

    folders = {p.name for p in (PACKAGE / "phones").iterdir()
               if p.is_dir() and (p / "__init__.py").exists()}
    assert set(phones.SYSTEMS) <= folders
    assert all((PACKAGE / "phones" / name / part).is_file()
               for name in phones.SYSTEMS for part in ("system.py", "settings.py"))
    hits = []
    for folder in sorted(folders):
        for path in (PACKAGE / "phones" / folder).glob("*.py"):
            forbidden = _PHONE_PARTS.get(path.stem, ())
            others = tuple(f"desktop_client.phones.{f}" for f in folders - {folder, "http"})
            hits += [f"{path.relative_to(PACKAGE)}: {name}" for name in _imports(path)
                     if any(name == f or name.startswith(f + ".")
                            for f in (*forbidden, *others))]
    assert hits == []


def test_the_protocol_code_of_every_phone_system_loads_no_qt_and_no_keyring() -> None:
    """Wire formats, dial backends and event mappers run in the command line (dial --once,
    --dry-run) and in worker threads: none of them may pull in Qt or the keyring."""
    modules = sorted(f"desktop_client.phones.{path.parent.name}.{path.stem}"
                     for path in (PACKAGE / "phones").glob("*/*.py")
                     if path.stem in _PHONE_PARTS)
    assert len(modules) >= 12
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n    importlib.import_module(name)\n"
            "print(sorted(m for m in ('PySide6', 'shiboken6', 'keyring') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_the_start_asks_for_a_running_app_without_loading_json_or_uuid(
        tmp_path: Path) -> None:
    """Before the tray icon shows, the start asks whether the app runs already; with no socket
    file it knows at once, without loading json (it stops here at the display check, as it
    does without a display). Request ids load neither uuid nor platform."""
    code = f"""
import os, sys
for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
    os.environ.pop(name, None)
os.environ["XDG_RUNTIME_DIR"] = {str(tmp_path)!r}
from desktop_client import launch, settings
from desktop_client.core import dial
from desktop_client.core.profile import Profile
profile = Profile.resolve({str(tmp_path / "p")!r})
print(launch.start(profile, settings.defaults(), []))
dial.new_request_id()
print(sorted(m for m in ("json", "uuid", "platform", "PySide6") if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.splitlines() == ["1", "[]"], result.stderr
