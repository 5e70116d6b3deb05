"""Update the translation sources and build the .qm files the app loads.

    python packaging/translations.py          # lupdate + schema strings + lrelease
    python packaging/translations.py --check  # exit 1 if a .qm is stale or a text untranslated

Strings come from ``self.tr``/``QCoreApplication.translate`` calls (pyside6-lupdate), from
the settings schema in core/core_settings.py (labels, help texts, section titles), which lupdate
cannot see because the settings dialog is generated from data, from the Qt-free core's
messages (``N_("…")`` literals, context "Messages") and from the names of the countries
phonenumbers knows (Qt's English names, context "Countries").
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "resources" / "translations"
BUILT = ROOT / "desktop_client" / "translations"
LANGUAGES = ("de",)


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def schema_strings() -> list[str]:
    """Every translatable text of the settings schema."""
    sys.path.insert(0, str(ROOT))
    from desktop_client import phones
    from desktop_client.settings import SCHEMA
    from desktop_client.ui.settings_texts import all_texts

    texts = [s.label for s in SCHEMA.settings] + [s.help for s in SCHEMA.settings if s.help]
    texts += [label for s in SCHEMA.settings for label in s.choice_labels]
    texts += [s.label for s in SCHEMA.secrets if s.field]
    texts += list(SCHEMA.titles.values())
    for name in phones.SYSTEMS:
        part = phones.settings(name)
        texts += [part.label, part.source_label]
    texts += _marked_texts(settings_modules=True)  # what else they mark (a setup title)
    return list(dict.fromkeys(text for text in [*texts, *all_texts()] if text))


def _settings_module(relative: str) -> bool:
    """Its ``N_`` texts belong to the settings pages (context "Settings"): the core's schema,
    the dialog's data texts and each phone system's settings."""
    return relative in ("core/core_settings.py", "ui/settings_texts.py") or (
        relative.startswith("phones/") and relative.endswith("/settings.py"))


def message_strings() -> list[str]:
    """The ``N_("…")`` literals of the core's messages (refusals, reasons)."""
    return _marked_texts(settings_modules=False)


def _marked_texts(*, settings_modules: bool) -> list[str]:
    """The ``N_("…")`` literals of the settings modules, or of all the others."""
    package = ROOT / "desktop_client"
    texts = []
    for path in sorted(package.rglob("*.py")):
        if _settings_module(path.relative_to(package).as_posix()) != settings_modules:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id == "N_" and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                texts.append(node.args[0].value)
    return list(dict.fromkeys(texts))


def country_strings() -> list[str]:
    """Qt's English name of every country phonenumbers knows (the card names the country)."""
    import phonenumbers
    from PySide6.QtCore import QLocale

    names = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        territory = QLocale.codeToTerritory(region)
        if territory != QLocale.Country.AnyTerritory:
            names.append(QLocale.territoryToString(territory))
    return list(dict.fromkeys(names))


def extra_contexts() -> dict[str, list[str]]:
    """Texts lupdate cannot see, by context."""
    return {"Settings": schema_strings(), "Messages": message_strings(),
            "Countries": country_strings()}


def add_context_strings(ts_file: Path, context_name: str, texts: list[str]) -> None:
    """Make sure ``texts`` are in ``context_name`` (new ones unfinished)."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    context = next((c for c in root.findall("context")
                    if c.findtext("name") == context_name), None)
    if context is None:
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = context_name
    known = set()
    for message in context.findall("message"):
        source = message.findtext("source")
        known.add(source)
        translation = message.find("translation")
        # lupdate marks schema texts as vanished (it cannot see them): bring them back.
        if source in texts and translation is not None and \
                translation.get("type") in ("vanished", "obsolete"):
            translation.attrib.pop("type")
    for text in texts:
        if text not in known:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = text
            ET.SubElement(message, "translation", type="unfinished")
    ET.indent(tree)
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)


def update() -> None:
    """lupdate, schema strings, lrelease."""
    sources = sorted(str(p) for p in (ROOT / "desktop_client").rglob("*.py"))
    for language in LANGUAGES:
        ts_file = SOURCES / f"desktop_client_{language}.ts"
        subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(ts_file)],
                       check=True, capture_output=True)
        for context_name, texts in extra_contexts().items():
            add_context_strings(ts_file, context_name, texts)
        release(ts_file, BUILT / f"desktop_client_{language}.qm")


def release(ts_file: Path, qm_file: Path) -> None:
    """Compile one .ts file."""
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], check=True,
                   capture_output=True)


def check() -> list[str]:
    """Problems: untranslated texts, schema texts missing, stale .qm files."""
    problems = []
    for language in LANGUAGES:
        ts_file = SOURCES / f"desktop_client_{language}.ts"
        root = ET.parse(ts_file).getroot()
        for message in root.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            if translation is None or translation.get("type") == "unfinished" or not (
                    translation.text or translation.findall("numerusform")):
                problems.append(f"{ts_file.name}: untranslated: {message.findtext('source')}")
        for context_name, texts in extra_contexts().items():
            present = {m.findtext("source") for c in root.findall("context")
                       if c.findtext("name") == context_name for m in c.findall("message")}
            problems += [f"{ts_file.name}: {context_name} text missing: {t}" for t in texts
                         if t not in present]
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.qm"
            release(ts_file, fresh)
            built = BUILT / f"desktop_client_{language}.qm"
            if not built.exists() or built.read_bytes() != fresh.read_bytes():
                problems.append(f"{built.name} is stale: run python packaging/translations.py")
    return problems


if __name__ == "__main__":
    if "--check" in sys.argv:
        found = check()
        print("\n".join(found) or "translations are complete and built")
        sys.exit(1 if found else 0)
    update()
