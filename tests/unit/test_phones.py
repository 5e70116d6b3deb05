"""The phone systems' registry: one module per system, found by name, lists kept together."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_client import phones, settings
from desktop_client.core import config as config_mod
from desktop_client.core.dial import DialError, DialRequest, Payload
from tests.fakes import register_phone_system


def test_every_system_answers_to_its_name_and_source() -> None:
    for name in phones.SYSTEMS:
        assert phones.system(name).name == name
    for source, name in phones.sources().items():
        assert phones.system(name).source == source
    with pytest.raises(phones.UnknownSystemError):
        phones.system("skype")


def test_each_system_declares_only_its_own_sections_and_what_the_dialog_can_show() -> None:
    """The dialog shows [backends.<name>] as the page of "Dial with" = <name>, [cti.*] on the
    Incoming calls page, a secret's field in its section's box: a system's settings module
    that breaks one of these would give a page that never shows or a field without a box."""
    for name in phones.SYSTEMS:
        part = phones.settings(name)
        sections = {setting.section for setting in part.schema.settings}
        assert all(s == f"backends.{name}" or s.startswith("cti.") for s in sections), name
        assert sections <= set(part.schema.titles), name
        for secret in part.schema.secrets:
            assert secret.section in sections, secret.name
            assert secret.section.startswith("backends.") or not secret.field, secret.name
        assert part.label and bool(part.source) == bool(part.source_label), name
    assert tuple(secret.name for secret in settings.SCHEMA.secrets) == settings.SECRETS
    assert len(set(settings.SECRETS)) == len(settings.SECRETS)


def test_a_part_cannot_retitle_or_redeclare_what_another_declared() -> None:
    from desktop_client.core.config import N_, Schema, Secret, Setting

    core = Schema((Setting("cti", "x", "", N_("X")),), (Secret("cti", "s", "S"),),
                  {"cti": "Incoming calls"})
    for clash in (Schema((), titles={"cti": "Mine"}), Schema((), (Secret("cti", "s", "S"),)),
                  Schema((Setting("cti", "x", "", "X"),))):
        with pytest.raises(ValueError, match="declared twice"):
            core + clash
    with pytest.raises(ValueError, match="2 choices but 1 labels"):
        Setting("dial", "y", "a", "Y", choices=("a", "b"), choice_labels=("A",))


@pytest.mark.parametrize(("backend", "sources", "expected"), [
    ("command", (), ["command"]),
    ("baresip", ("baresip",), ["baresip"]),
    ("command", ("ami", "baresip"), ["command", "ami", "baresip"]),
    ("deskphone", ("action_url", "fritzbox"), ["deskphone", "fritzbox"]),
    ("ami", ("baresip", "ami"), ["ami", "baresip"]),
])
def test_wanted_is_the_dialling_system_then_the_sources_once_each(
        backend: str, sources: tuple[str, ...], expected: list[str]) -> None:
    config = settings.defaults().with_values(dial__backend=backend, cti__sources=sources)
    assert [s.name for s in phones.wanted(config)] == expected


@pytest.mark.parametrize("name", ["ami", "freeswitch", "linphone"])
def test_once_refuses_the_systems_whose_connection_the_tray_keeps(name: str) -> None:
    request = DialRequest(name, "+41446681800", Payload())
    with pytest.raises(DialError, match=f"--once does not work with the {name} backend"):
        phones.system(name).dial_once(request, settings.defaults(), lambda _key: None)


def test_only_the_systems_with_a_connection_say_so() -> None:
    keep = {name for name in phones.SYSTEMS if phones.system(name).keeps_connection}
    assert keep == {"baresip", "linphone", "freeswitch", "ami"}


def test_a_new_system_is_its_folder_and_one_registry_line(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Its settings module is all the settings need: "Dial with" and "Call sources" offer it,
    config.toml's [backends.<name>] is read, checked and saved, its secret is one of the
    keyring entries; the app finds the system by name and its calls by their source."""
    part = register_phone_system(monkeypatch, "sipgate")
    assert phones.system("sipgate").name == "sipgate"
    assert phones.sources()["sipgate"] == "sipgate"
    schema = settings.assemble()
    assert schema.setting("dial.backend").choices[-1] == "sipgate"
    assert schema.setting("dial.backend").choice_label("sipgate") == "Sipgate (REST)"
    assert schema.setting("cti.sources").choice_label("sipgate") == "Sipgate webhooks"
    assert "backends.sipgate.token" in [secret.name for secret in schema.secrets]
    assert schema.titles["backends.sipgate"] == "Sipgate"
    path = tmp_path / "config.toml"
    path.write_text('[dial]\nbackend = "sipgate"\n[cti]\nsources = ["sipgate"]\n'
                    '[backends.sipgate]\ndevice = "e7"\ntimeout_s = 99\n', encoding="utf-8")
    config, problems = config_mod.load(path, schema)
    assert config.text("dial.backend") == "sipgate"
    assert config.strings("cti.sources") == ("sipgate",)
    assert config.text(part.schema.settings[0]) == "e7"
    assert config.number(part.schema.settings[1]) == 5  # 99 is out of range: the default
    assert problems == ["backends.sipgate.timeout_s must be between 0 and 60; using the "
                        "default"]
    assert [s.name for s in phones.wanted(config)] == ["sipgate"]
    config_mod.save(config.with_values(backends__sipgate__device="e9"), path)
    assert '[backends.sipgate]\ndevice = "e9"' in path.read_text(encoding="utf-8")


def test_the_settings_refuse_a_system_or_source_nobody_registered(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[dial]\nbackend = "skype"\n[cti]\nsources = ["baresip", "skype"]\n',
                    encoding="utf-8")
    config, problems = settings.load(path)
    assert config.text("dial.backend") == "command"
    assert config.strings("cti.sources") == ("baresip",)  # baresip's calls still pop up
    assert problems[0].startswith("dial.backend must be one of command, baresip, handoff")
    assert problems[1].startswith("cti.sources: unknown 'skype' ignored (choose from baresip, ")


def test_the_bundle_is_told_every_module_the_registry_imports_by_name() -> None:
    """packaging/desktop-client.spec hands these to PyInstaller, which cannot see them."""
    import importlib

    names = phones.module_names()
    assert len(names) == 2 * len(phones.SYSTEMS)
    for name in names:
        importlib.import_module(name)
    spec = (Path(__file__).parents[2] / "packaging" / "desktop-client.spec").read_text(
        encoding="utf-8")
    assert "*module_names()" in spec
