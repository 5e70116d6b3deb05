"""The command line as scripts and admins use it: real processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

NUMBER_KEYS = {"input", "e164", "extension", "country_code", "region_code", "detail",
               "canonical", "international", "national", "type", "valid", "risk", "error"}


def test_number_json(tmp_path: Path) -> None:
    result = run_cli("number", "--json", "tel:+41-44-668-18-00;ext=12", profile_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data.keys() >= NUMBER_KEYS
    assert data | {"input": None} == data | {
        "input": None, "e164": "+41446681800", "extension": "12", "country_code": "41",
        "region_code": "44", "detail": "6681800", "canonical": "+41 (44) 6681800",
        "international": "+41 44 668 18 00", "national": "044 668 18 00", "type": "FIXED_LINE",
        "valid": True, "risk": [], "error": None}


def test_number_json_without_normalized_form_exits_2(tmp_path: Path) -> None:
    result = run_cli("number", "--json", "044 668", profile_dir=tmp_path)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data.keys() >= NUMBER_KEYS
    assert (data["e164"], data["valid"], data["error"]) == (None, False,
                                                            "too short for Switzerland")
    assert data["risk"] == ["not_valid"]
    assert "too short for Switzerland" in result.stderr
    assert "Traceback" not in result.stderr


def test_number_country_option_and_risk(tmp_path: Path) -> None:
    result = run_cli("number", "--json", "--country", "GB", "0870 123 4567", profile_dir=tmp_path)
    data = json.loads(result.stdout)
    assert (data["e164"], data["type"], data["risk"]) == ("+448701234567", "PREMIUM_RATE",
                                                          ["premium_rate"])
    bad = run_cli("number", "--country", "XX", "123", profile_dir=tmp_path)
    assert bad.returncode == 2 and "unknown country code" in bad.stderr


def test_number_text_output(tmp_path: Path) -> None:
    result = run_cli("number", "0900 123 456", profile_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "+41 (900) 123456"
    assert "premium_rate" in result.stdout


@pytest.mark.parametrize("hostile", ['tel:1" -platformpluginpath /tmp/x "', "tel:+41%00",
                                     "tel:\u202e123", "x" * 100_000])
def test_hostile_number_is_refused_without_traceback(tmp_path: Path, hostile: str) -> None:
    result = run_cli("number", "--json", hostile, profile_dir=tmp_path)
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]
    assert "Traceback" not in result.stderr


def test_import_lookup_normalize(tmp_path: Path) -> None:
    csv_file = tmp_path / "adressen.csv"
    csv_file.write_text("ID;Firma;Vorname;Nachname;Telefon;Mobil\n"
                        "1;Muster AG;;;044 668 18 00;\n"
                        "2;Muster AG;Anna;Meier;044 668 18 42;079 12\n"
                        "3;;;;;\n", encoding="utf-8")
    profile = tmp_path / "p"
    imported = run_cli("import", "--json", str(csv_file), profile_dir=profile)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == {
        "file": str(csv_file), "created": 2, "updated": 0, "skipped": 1,
        "problems": [{"line": 4, "reason": "no name and no company"}],
        "notes": [{"line": 0, "note": "record 2 ('Anna Meier'): '079 12' too short for "
                   "Switzerland; kept as written, but calls from it are not recognised"}]}

    found = run_cli("lookup", "--json", "+41 44 668 18 42", profile_dir=profile)
    assert found.returncode == 0, found.stderr
    [match] = json.loads(found.stdout)
    assert (match["match"], match["name"], match["company"], match["external_id"]) == (
        "exact", "Anna Meier", "Muster AG", "2")
    assert match["channel"] == {"kind": "phone", "raw": "044 668 18 42", "e164": "+41446681842",
                                "extension": "", "canonical": "+41 (44) 6681842"}

    probable = json.loads(run_cli("lookup", "--json", "0446681877", profile_dir=profile).stdout)
    assert [(m["match"], m["name"]) for m in probable] == [("probable", "Muster AG")]
    text = run_cli("lookup", "0446681877", profile_dir=profile)
    assert "Muster AG (probably; company number)" in text.stdout

    (profile / "config.toml").write_text('[location]\ncountry = "DE"\n', encoding="utf-8")
    dry = run_cli("normalize", "--dry-run", "--json", profile_dir=profile)
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert summary["checked"] == 3 and summary["changed"] == 3 and summary["dry_run"]
    still = json.loads(run_cli("lookup", "--json", "+41446681842", profile_dir=profile).stdout)
    assert still, "a dry run must not change anything"

    (profile / "config.toml").write_text('[location]\ncountry = "CH"\n', encoding="utf-8")
    real = run_cli("normalize", profile_dir=profile)
    assert real.returncode == 0
    assert real.stdout.startswith("3 checked, 2 normalized, 0 changed, 1 failed")
    log = (profile / "desktop-client.log").read_text(encoding="utf-8")
    assert "address 'Anna Meier' (id 2, external id 2): number '079 12' cannot be normalized" \
        in log


def test_names_from_files_are_cleaned_where_they_enter(tmp_path: Path) -> None:
    """A bidi override makes "\u202eGA retsuM" show as "Muster AG"; ESC and BEL would reach the
    terminal through lookup and journal."""
    csv_file = tmp_path / "adressen.csv"
    csv_file.write_text("ID;Firma;Vorname;Nachname;Telefon\n"
                        "1;\u202eGA retsuM\u202c;;;044 668 18 00\n"
                        "2;Bell\x07 AG;Eve\x1b[2J;Meier\u200b;044 668 18 42\n",
                        encoding="utf-8")
    vcard = tmp_path / "a.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\u2066Anna\u2069 \u202eM\u00fcller\r\n"
                     "N:\u202eM\u00fcller;Anna;;;\r\nTEL;TYPE=WORK:044 668 18 55\r\n"
                     "END:VCARD\r\n", encoding="utf-8")
    profile = tmp_path / "p"
    for file in (csv_file, vcard):
        assert run_cli("import", str(file), profile_dir=profile).returncode == 0
    shown = ""
    for number in ("0446681800", "0446681842", "0446681855"):
        for args in (("lookup", "--json", number), ("lookup", number)):
            result = run_cli(*args, profile_dir=profile)
            assert result.returncode == 0, result.stderr
            shown += result.stdout
    for bad in ("\u202e", "\u202c", "\u2066", "\u200b", "\x1b", "\x07"):
        assert bad not in shown
    assert "GA retsuM" in shown and "Eve[2J Meier" in shown and "M\u00fcller" in shown


def test_import_faults_get_clear_errors(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    huge = tmp_path / "huge.csv"
    huge.write_text('Name;Telefon\n"' + "x\n" * 100_000 + '";044 668 18 00\n',
                    encoding="utf-8")  # one quoted field of 200 KB over many lines
    refused = run_cli("import", str(huge), profile_dir=profile)
    assert refused.returncode == 2, refused.stderr
    assert "field larger than field limit" in refused.stderr
    assert "nothing imported" in refused.stderr and "Traceback" not in refused.stderr

    endless = tmp_path / "endless.vcf"
    endless.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:" + b"y" * 3_000_000 +
                        b"\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Meier\r\n"
                        b"TEL:044 668 18 42\r\nEND:VCARD\r\n")
    result = run_cli("import", "--json", str(endless), profile_dir=profile)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["created"] == 1
    assert report["problems"][0]["reason"] == "line longer than 100,000 characters"


def test_utf16_files_from_windows_tools(tmp_path: Path) -> None:
    """Windows address books write vCards, and Outlook its "Unicode" CSV, as UTF-16."""
    profile = tmp_path / "p"
    vcard = tmp_path / "kontakte.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:2.1\r\nN:M\u00fcller;Hans\r\n"
                     "FN:Hans M\u00fcller\r\nTEL;WORK;VOICE:044 668 18 77\r\nEND:VCARD\r\n",
                     encoding="utf-16")
    outlook = tmp_path / "outlook.csv"
    outlook.write_text("Vorname\tNachname\tMobiltelefon\r\nJ\u00fcrg\tSt\u00e4heli\t"
                       "079 123 45 67\r\n", encoding="utf-16-le")
    outlook.write_bytes(b"\xff\xfe" + outlook.read_bytes())
    for file in (vcard, outlook):
        result = run_cli("import", "--json", str(file), profile_dir=profile)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["created"] == 1, result.stdout
    found = json.loads(run_cli("lookup", "--json", "0446681877", profile_dir=profile).stdout)
    assert found[0]["name"] == "Hans M\u00fcller"
    mobile = json.loads(run_cli("lookup", "--json", "0791234567", profile_dir=profile).stdout)
    assert mobile[0]["name"] == "J\u00fcrg St\u00e4heli"


def test_an_import_waits_for_another_writer(tmp_path: Path) -> None:
    """Another import or a normalize run holding the file for longer than SQLite's usual
    five seconds: the import waits its turn instead of failing with "database is locked"."""
    import sqlite3
    import threading
    import time

    profile = tmp_path / "p"
    small = tmp_path / "small.csv"
    small.write_text("Firma;Telefon\nMuster AG;031 123 45 67\n", encoding="utf-8")
    assert run_cli("import", str(small), profile_dir=profile).returncode == 0  # the file exists
    other = sqlite3.connect(profile / "directory.sqlite3", isolation_level=None,
                            check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the other writer
    holding = threading.Timer(7.0, lambda: other.execute("COMMIT"))
    holding.start()
    try:
        started = time.monotonic()
        small.write_text("Firma;Telefon\nBeispiel GmbH;031 765 43 21\n", encoding="utf-8")
        result = run_cli("import", str(small), profile_dir=profile)
        waited = time.monotonic() - started
    finally:
        holding.join()
        other.close()
    assert result.returncode == 0, result.stderr
    assert "locked" not in result.stderr and "internal error" not in result.stderr
    assert waited >= 6  # it really waited for the other writer
    assert json.loads(run_cli("lookup", "--json", "0317654321", profile_dir=profile).stdout)


def test_lookup_of_bad_number_and_missing_file(tmp_path: Path) -> None:
    bad = run_cli("lookup", "anonymous", profile_dir=tmp_path)
    assert bad.returncode == 2 and "contains no digits" in bad.stderr
    missing = run_cli("import", str(tmp_path / "nope.csv"), profile_dir=tmp_path)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    folder = run_cli("import", str(tmp_path), profile_dir=tmp_path)
    assert folder.returncode == 2 and "a folder, not a contacts file" in folder.stderr
    wrong = tmp_path / "x.csv"
    wrong.write_text("Name;Ort\nA;B\n", encoding="utf-8")
    refused = run_cli("import", str(wrong), profile_dir=tmp_path)
    assert refused.returncode == 2 and "nothing imported" in refused.stderr
    assert "Traceback" not in bad.stderr + missing.stderr + refused.stderr


def test_broken_config_is_kept_aside_and_defaults_used(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[location\ncountry = 'DE'", encoding="utf-8")
    contacts = tmp_path / "c.csv"
    contacts.write_text("Firma;Telefon\nMuster AG;044 668 18 00\n", encoding="utf-8")
    result = run_cli("import", str(contacts), profile_dir=tmp_path)  # a command that writes
    assert result.returncode == 0
    assert json.loads(run_cli("lookup", "--json", "+41446681800", profile_dir=tmp_path)
                      .stdout)[0]["name"] == "Muster AG"  # read with the defaults (CH)
    assert "not valid TOML" in result.stderr
    kept = list(tmp_path.glob("config.toml.broken-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").startswith("[location")


def test_bad_location_value_falls_back_to_its_default_with_a_warning(tmp_path: Path) -> None:
    """country = "XX" used to stop every command with exit 2 (and drop incoming calls)."""
    (tmp_path / "config.toml").write_text('[location]\ncountry = "XX"\narea_code = "44"\n',
                                          encoding="utf-8")
    result = run_cli("number", "--json", "044 668 18 00", profile_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["e164"] == "+41446681800"
    assert "[location] country in config.toml: unknown country code 'XX'" in result.stderr
    assert "using the default 'CH'" in result.stderr
    lookup = run_cli("lookup", "044 668 18 00", profile_dir=tmp_path)
    assert lookup.returncode == 0, lookup.stderr
    doctor = run_cli("doctor", profile_dir=tmp_path)
    assert "-- config: [location] country in config.toml" in doctor.stdout


def test_config_problems_that_broke_things(tmp_path: Path) -> None:
    deep = "a = " + "[" * 2000 + "]" * 2000 + "\n"
    (tmp_path / "config.toml").write_text(deep, encoding="utf-8")
    result = run_cli("number", "--json", "044 668 18 00", profile_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not valid TOML (nested too deeply)" in result.stderr
    contacts = tmp_path / "c.csv"
    contacts.write_text("Firma;Telefon\nMuster AG;044 668 18 00\n", encoding="utf-8")
    assert run_cli("import", str(contacts), profile_dir=tmp_path).returncode == 0
    # A second broken file in the same second keeps the first backup.
    (tmp_path / "config.toml").write_text("[dial\n", encoding="utf-8")
    run_cli("import", str(contacts), profile_dir=tmp_path)
    kept = sorted(tmp_path.glob("config.toml.broken-*"))
    assert len(kept) == 2
    assert {k.read_text(encoding="utf-8")[:8] for k in kept} == {deep[:8], "[dial\n"}


def test_a_secret_in_config_toml_is_named_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[backends.ami]\naddress = "pbx:5038"\npassword = "geheim"\n'
        '[directory.vertec]\ntoken = "abc"\n', encoding="utf-8")
    result = run_cli("number", "044 668 18 00", profile_dir=tmp_path)
    assert result.returncode == 0
    assert "backends.ami.password looks like a secret" in result.stderr
    assert "directory.vertec.token looks like a secret" in result.stderr
    assert "secret set" in result.stderr
    assert "geheim" not in result.stderr + (tmp_path / "desktop-client.log").read_text()
    doctor = run_cli("doctor", profile_dir=tmp_path)
    assert "-- config: config.toml: backends.ami.password looks like a secret" in doctor.stdout


def test_profile_from_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, DESKTOP_CLIENT_HOME=str(tmp_path / "envprofile"))
    subprocess.run([sys.executable, "-m", "desktop_client", "number", "044 668 18 00"],
                   env=env, check=True, capture_output=True)
    assert (tmp_path / "envprofile" / "desktop-client.log").exists()


def test_import_killed_midway_leaves_the_directory_as_it_was(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    profile = tmp_path / "p"
    small = tmp_path / "small.csv"
    small.write_text("ID;Name;Telefon\nS1;Erste Firma;044 668 18 00\n", encoding="utf-8")
    assert run_cli("import", str(small), profile_dir=profile).returncode == 0
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("ID;Vorname;Nachname;Telefon;Mobil\n")
        for i in range(60_000):
            handle.write(f"B{i};Vor{i};Nach{i};044 {i % 900 + 100} {i % 90 + 10} 00;"
                         f"079 {i % 900 + 100} {i % 90 + 10} 11\n")
    wal = profile / "directory.sqlite3-wal"
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_client", "--profile", str(profile), "import", str(big)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    names = json.loads(run_cli("lookup", "--json", "044 668 18 00", profile_dir=profile).stdout)
    assert [m["name"] for m in names] == ["Erste Firma"]
    import sqlite3

    with sqlite3.connect(profile / "directory.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM address").fetchone()[0] == 1


def test_command_line_manners(tmp_path: Path) -> None:
    """Issue 10: read-only commands move nothing, a mistyped --profile creates nothing, dry
    runs say so in the log, arguments are checked, --help says where the files are."""
    (tmp_path / "config.toml").write_text("[dial\n", encoding="utf-8")
    number = run_cli("number", "044 668 18 00", profile_dir=tmp_path)
    assert number.returncode == 0 and "not valid TOML" in number.stderr
    assert (tmp_path / "config.toml").exists()
    assert not list(tmp_path.glob("config.toml.broken-*"))  # left where it was
    (tmp_path / "config.toml").unlink()

    nowhere = tmp_path / "no" / "such" / "dir"
    typo = run_cli("number", "044 668 18 00", profile_dir=nowhere)
    assert typo.returncode == 2 and "does not exist" in typo.stderr
    assert not (tmp_path / "no").exists()
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("mine\n", encoding="utf-8")
    wrong_kind = run_cli("number", "044 668 18 00", profile_dir=a_file)
    assert wrong_kind.returncode == 2 and "not a folder" in wrong_kind.stderr
    assert "Errno" not in wrong_kind.stderr and a_file.read_text(encoding="utf-8") == "mine\n"

    (tmp_path / "config.toml").write_text('[dial]\nbackend = "baresip"\n', encoding="utf-8")
    dry = run_cli("dial", "--dry-run", "--json", "044 668 18 00", profile_dir=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "dry run of a dial request from outside" in (
        tmp_path / "desktop-client.log").read_text(encoding="utf-8")

    bad_limit = run_cli("journal", "--limit", "-1", profile_dir=tmp_path)
    assert bad_limit.returncode == 2 and "less than 1" in bad_limit.stderr

    helped = run_cli("--help", profile_dir=tmp_path)
    assert "config:" in helped.stdout or "DESKTOP_CLIENT_HOME" in helped.stdout
    assert "--uri <link>" in helped.stdout
    version = run_cli("--version", profile_dir=tmp_path)
    assert version.stdout.startswith("desktop-client ")


def test_dial_once_journals_the_contact_name(tmp_path: Path) -> None:
    """``dial --once`` (no tray app) puts the call in Recent calls under the contact's name,
    as a dial through the app does, not as a bare number."""
    (tmp_path / "config.toml").write_text(
        '[dial]\nbackend = "command"\ncountdown_s = 0\n'
        '[backends.command]\nargv = ["true", "{e164}"]\n', encoding="utf-8")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Vorname;Name;Telefon\nAnna;Muster;044 668 18 00\n", encoding="utf-8")
    assert run_cli("import", str(contacts), profile_dir=tmp_path).returncode == 0
    dialled = run_cli("dial", "--once", "+41 44 668 18 00", profile_dir=tmp_path)
    assert dialled.returncode == 0, dialled.stderr
    (entry,) = json.loads(run_cli("journal", "--json", profile_dir=tmp_path).stdout)
    assert (entry["state"], entry["e164"], entry["contact_name"]) == (
        "dialled", "+41446681800", "Anna Muster")


def test_dial_once_goes_out_when_the_directory_cannot_be_opened(tmp_path: Path) -> None:
    """A directory file of a newer version costs the call its name, not the call."""
    import sqlite3

    (tmp_path / "config.toml").write_text(
        '[dial]\nbackend = "command"\ncountdown_s = 0\n'
        '[backends.command]\nargv = ["true", "{e164}"]\n', encoding="utf-8")
    with sqlite3.connect(tmp_path / "directory.sqlite3") as newer:
        newer.execute("PRAGMA user_version = 99")
    dialled = run_cli("dial", "--once", "+41 44 668 18 00", profile_dir=tmp_path)
    assert dialled.returncode == 0, dialled.stderr
    (entry,) = json.loads(run_cli("journal", "--json", profile_dir=tmp_path).stdout)
    assert (entry["state"], entry["contact_name"]) == ("dialled", "")


def test_dial_without_a_phone_set_up_says_so_in_json_too(tmp_path: Path) -> None:
    """A fresh install: not the input's fault (exit 1, not 2), and a --json caller still
    gets one JSON object, with the number as it would be dialled."""
    dry = run_cli("dial", "--dry-run", "--json", "044 668 18 00", profile_dir=tmp_path)
    assert dry.returncode == 1, dry.stderr
    decision = json.loads(dry.stdout)
    assert (decision["decision"], decision["request"], decision["number"]["e164"]) == (
        "reject", None, "+41446681800")
    assert decision["reason"].startswith("no phone is set up: [backends.command] needs")
    once = run_cli("dial", "--once", "044 668 18 00", profile_dir=tmp_path)
    assert once.returncode == 1 and "no phone is set up" in once.stderr
