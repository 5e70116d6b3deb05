"""config.toml: defaults, bad values, atomic save that keeps foreign sections."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from desktop_client import settings
from desktop_client.core import config, core_settings


def test_defaults() -> None:
    loaded, problems = settings.load(Path("/nonexistent/config.toml"))
    assert problems == []
    assert loaded.get("dial.number_format") == "e164"
    assert loaded.location().country == "CH"
    assert loaded.number("directory.company_block_digits") == 2


def test_bad_values_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[location]\ncountry = "DE"\ninternal_digits = "drei"\n'
                    '[dial]\nnumber_format = "morse"\n', encoding="utf-8")
    loaded, problems = settings.load(path)
    assert loaded.location().country == "DE"
    assert loaded.number("location.internal_digits") == 0
    assert loaded.get("dial.number_format") == "e164"
    assert len(problems) == 2
    assert "location.internal_digits must be a whole number, not 'drei'" in problems[0]


def test_directory_sources_are_checked_and_an_unknown_one_is_kept_in_the_file(
        tmp_path: Path) -> None:
    """A typo or a newer version's source: the rest of the list still counts, the user is
    told, and saving other settings does not delete the entry the app did not understand."""
    path = tmp_path / "config.toml"
    path.write_text('[directory]\nsources = ["ldap", "exchange"]\n', encoding="utf-8")
    loaded, problems = settings.load(path)
    assert loaded.strings("directory.sources") == ("ldap",)
    assert problems == ["directory.sources: unknown 'exchange' ignored (choose from vertec, "
                        "ldap, carddav, http)"]
    config.save(loaded.with_values(directory__sources=("vertec", "ldap")), path)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["directory"]["sources"] == ["vertec", "ldap", "exchange"]
    with pytest.raises(config.ConfigError, match="unknown 'exchange'"):
        loaded.with_values(directory__sources=("exchange",))  # what the app sets is checked


def test_save_is_atomic_and_keeps_other_sections(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[backends.command]\nargv = ["microsip.exe", "{e164}"]\n'
                    '[location]\ncountry = "AT"\n', encoding="utf-8")
    loaded, _ = settings.load(path)
    changed = loaded.with_values(location__area_code="1", location__internal_digits=3)
    config.save(changed, path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["backends"]["command"]["argv"] == ["microsip.exe", "{e164}"]
    # What the user changed is written; the defaults stay out of the file (so a later
    # version's better default still reaches them).
    assert data["location"] == {"country": "AT", "area_code": "1", "internal_digits": 3}
    assert list(tmp_path.iterdir()) == [path]
    reloaded, problems = settings.load(path)
    assert problems == [] and reloaded.location().internal_digits == 3
    assert reloaded == changed


def test_save_keeps_what_the_user_wrote(tmp_path: Path) -> None:
    """Comments, order, foreign sections and a value this version cannot read (but the user
    did not change) survive a save; only the changed setting is added."""
    path = tmp_path / "config.toml"
    text = ('# Office config: ask IT before changing\n'
            '[location]\n'
            'country = "DE"  # the Berlin office\n'
            'area_code = 30\n'
            '\n'
            '[myplugin]\n'
            'custom = "keep me"\n')
    path.write_text(text, encoding="utf-8")
    loaded, problems = settings.load(path)
    assert loaded.text("location.area_code") == ""  # not text: the default, and said so
    assert problems == ["location.area_code must be text, not 30; using the default",
                        "myplugin.custom: no such setting; ignored"]
    config.save(loaded.with_values(app__register_asked=True), path)
    assert path.read_text(encoding="utf-8") == text + "\n[app]\nregister_asked = true\n"
    # Now the user types the area code in Settings: only that line changes.
    config.save(settings.load(path)[0].with_values(location__area_code="30"), path)
    assert path.read_text(encoding="utf-8") == text.replace("area_code = 30", 'area_code = "30"'
                                                            ) + "\n[app]\nregister_asked = true\n"


def test_save_creates_a_phone_section_without_an_empty_parent(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config.save(settings.defaults().with_values(backends__command__preset="zoiper"), path)
    assert path.read_text(encoding="utf-8") == '[backends.command]\npreset = "zoiper"\n'


def test_save_over_a_file_broken_meanwhile_keeps_it_aside(tmp_path: Path) -> None:
    """The user broke config.toml in an editor while the app ran, then saved Settings."""
    path = tmp_path / "config.toml"
    path.write_text('[location\ncountry = "DE"\n', encoding="utf-8")
    config.save(settings.defaults().with_values(location__country="AT"), path)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"location": {"country": "AT"}}
    (kept,) = [p for p in tmp_path.iterdir() if p != path]
    assert kept.name.startswith("config.toml.broken-")
    assert kept.read_text(encoding="utf-8") == '[location\ncountry = "DE"\n'


def test_with_values_validates() -> None:
    with pytest.raises(config.ConfigError):
        settings.defaults().with_values(dial__confirm="never")
    with pytest.raises(config.ConfigError):
        settings.defaults().with_values(location__internal_digits=True)


def test_log_file_rotates(tmp_path: Path) -> None:
    import logging

    from desktop_client.core.profile import RotatingLog

    handler = RotatingLog(tmp_path / "desktop-client.log", max_bytes=1000, backups=2)
    logger = logging.getLogger("desktop_client.test_rotation")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        for index in range(200):
            logger.info("line %03d %s", index, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["desktop-client.log", "desktop-client.log.1", "desktop-client.log.2"]
    assert all((tmp_path / name).stat().st_size < 1100 for name in files)
    assert "line 199" in (tmp_path / "desktop-client.log").read_text()


def test_a_bad_country_is_logged_once_not_at_every_call(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[location]\ncountry = "QQ"\n', encoding="utf-8")
    loaded, _problems = settings.load(path)
    with caplog.at_level("WARNING", logger="desktop_client.config"):
        for _ in range(3):
            assert loaded.location().country == "CH"
    assert len([r for r in caplog.records if "QQ" in r.getMessage()]) == 1


def test_the_key_type_names_exactly_the_settings_of_the_core() -> None:
    """mypy checks every ``config.text("…")`` against config_keys.Key: a renamed or removed
    setting fails the type check where it is still used (a phone system's settings are read
    by their Setting, which mypy checks as a name of its module)."""
    from typing import get_args

    from desktop_client.core.config_keys import Key

    assert list(get_args(Key)) == [setting.name for setting in core_settings.CORE.settings]


def test_a_misspelt_setting_is_named_with_the_one_meant(tmp_path: Path) -> None:
    """A typo must not silently leave the default in force (the country stayed Swiss)."""
    path = tmp_path / "config.toml"
    path.write_text('[location]\ncontry = "DE"\n[dail]\nbackend = "baresip"\n'
                    '[directory.ldap]\npassword = ""\n[myplugin]\ncustom = "x"\n',
                    encoding="utf-8")
    loaded, problems = settings.load(path)
    assert loaded.location().country == "CH"
    assert problems == [
        "location.contry: no such setting; ignored (did you mean location.country?)",
        "dail.backend: no such setting; ignored (did you mean dial.backend?)",
        "myplugin.custom: no such setting; ignored"]
    config.save(loaded.with_values(location__country="DE"), path)  # and nothing is lost
    assert 'contry = "DE"' in path.read_text(encoding="utf-8")
    assert 'custom = "x"' in path.read_text(encoding="utf-8")


def test_an_edit_made_meanwhile_is_not_undone_by_an_unrelated_save(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[dial]\nconfirm = "risky"\n', encoding="utf-8")
    shown, _ = settings.load(path)  # what the app (and its Settings dialog) started from
    path.write_text('[dial]\nconfirm = "always"  # IT: always ask\n', encoding="utf-8")
    config.save(shown.with_values(app__register_asked=True), path, base=shown)
    assert path.read_text(encoding="utf-8") == (
        '[dial]\nconfirm = "always"  # IT: always ask\n\n[app]\nregister_asked = true\n')


@pytest.mark.parametrize(("text", "expected"), [
    # An inline table gets the new setting inside it, as an inline table.
    ('backends = { command = { argv = ["x", "{number}"] } }\n',
     'backends = { command = { argv = ["x", "{number}"] }, ami = {channel = "PJSIP/9"}}\n'),
    # A byte-order mark (Notepad) is no reason to move the file aside.
    ('\ufeff# mine\n[backends.ami]\n', '# mine\n[backends.ami]\nchannel = "PJSIP/9"\n'),
    # Windows line endings stay.
    ('# mine\r\n[backends.ami]\r\naddress = "pbx"\r\n',
     '# mine\r\n[backends.ami]\r\naddress = "pbx"\r\nchannel = "PJSIP/9"\n'),
])
def test_save_into_files_as_people_write_them(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8"))
    loaded, problems = settings.load(path)
    assert problems == []
    config.save(loaded.with_values(backends__ami__channel="PJSIP/9"), path)
    assert path.read_bytes().decode("utf-8") == expected
    from desktop_client.phones.ami.settings import CHANNEL

    assert settings.load(path)[0].text(CHANNEL) == "PJSIP/9"


def test_a_file_with_no_place_for_a_setting_is_left_alone_and_said(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[[backends]]\nami = "x"\n', encoding="utf-8")
    loaded, _ = settings.load(path)
    with pytest.raises(config.ConfigError, match=r"backends is not a section"):
        config.save(loaded.with_values(backends__ami__channel="PJSIP/9"), path)
    assert path.read_text(encoding="utf-8") == '[[backends]]\nami = "x"\n'
