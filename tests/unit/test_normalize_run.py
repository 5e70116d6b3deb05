"""The "Normalize phone numbers" batch run: counts, stored forms and the log file."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest

from desktop_client.core import normalize_run
from desktop_client.core.directory import AddressRecord, Directory
from desktop_client.core.normalize_run import normalize_directory
from desktop_client.core.numbers import Location
from desktop_client.core.profile import Profile

CH = Location("CH")
DE = Location("DE")

RECORDS = (
    AddressRecord("company", company="Muster AG", external_id="C-1",
                  channels=(("phone", "044 668 18 00"), ("email", "info@muster.example"))),
    AddressRecord("person", "Anna", "Meier", "Muster AG", external_id="P-7",
                  channels=(("phone", "+41 44 668 18 42"), ("mobile", "079 123"))),
    AddressRecord("person", "Otto", "Ohne", channels=(("fax", "Zentrale verlangen"),)),
)


def _fill(directory: Directory, location: Location) -> None:
    with directory.transaction():
        for record in RECORDS:
            directory.put(record, location)


def _log_warnings(profile: Profile) -> list[str]:
    return [line for line in profile.log_file.read_text(encoding="utf-8").splitlines()
            if " WARNING " in line]


def test_run_counts_and_warns_per_failed_entry(profile: Profile) -> None:
    with Directory(profile.database_file) as directory:
        _fill(directory, CH)
        summary = normalize_directory(directory, CH)
    assert (summary.checked, summary.normalized, summary.changed, summary.failed) == (4, 2, 0, 2)
    warnings = _log_warnings(profile)
    assert len(warnings) == 2
    assert re.search(r"desktop_client.directory: address 'Anna Meier' \(id 2, external id P-7\): "
                     r"number '079 123' cannot be normalized: too short for Switzerland",
                     warnings[0]), warnings[0]
    assert "address 'Otto Ohne' (id 3): number 'Zentrale verlangen' cannot be normalized: " \
           "contains no digits" in warnings[1]


def test_run_with_a_new_location_changes_local_numbers(profile: Profile) -> None:
    with Directory(profile.database_file) as directory:
        _fill(directory, DE)  # imported with the wrong country: 044… read as German
        wrong = directory.conn.execute(
            "SELECT e164 FROM channel WHERE raw = '044 668 18 00'").fetchone()[0]
        assert wrong != "+41446681800"
        summary = normalize_directory(directory, CH)
        assert summary.changed >= 1
        row = directory.conn.execute(
            "SELECT e164, country_code, region_code, detail, canonical FROM channel "
            "WHERE raw = '044 668 18 00'").fetchone()
    assert row == ("+41446681800", "41", "44", "6681800", "+41 (44) 6681800")


def test_dry_run_writes_nothing_but_reports(profile: Profile) -> None:
    with Directory(profile.database_file) as directory:
        _fill(directory, DE)
        before = directory.conn.execute("SELECT * FROM channel ORDER BY id").fetchall()
        summary = normalize_directory(directory, CH, dry_run=True)
        after = directory.conn.execute("SELECT * FROM channel ORDER BY id").fetchall()
    assert summary.dry_run and summary.changed >= 1
    assert before == after
    assert len(_log_warnings(profile)) == summary.failed


def test_failed_number_becomes_blank_and_keeps_its_raw_value(profile: Profile) -> None:
    with Directory(profile.database_file) as directory:
        with directory.transaction():
            directory.put(AddressRecord("person", "Ida", "Intern", external_id="I",
                                        channels=(("phone", "742"),)),
                          Location("CH", internal_digits=3))
        normalize_directory(directory, CH)  # now 742 is no extension
        row = directory.conn.execute(
            "SELECT raw, e164, internal, canonical, error FROM channel").fetchone()
    assert row[:4] == ("742", None, None, "")
    assert row[4]


def test_progress_is_reported(profile: Profile) -> None:
    seen: list[tuple[int, int]] = []
    with Directory(profile.database_file) as directory:
        _fill(directory, CH)
        normalize_directory(directory, CH, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)


def test_worker_processes_give_the_same_result(tmp_path: Path, profile: Profile) -> None:
    forms = ["044 668 {:02d} {:02d}", "+49 30 12{:02d}{:02d}0", "079 1{:02d} {:02d} 67",
             "0{:02d}{:02d}", "tel:+1-202-555-{:02d}{:02d}"]
    records = [AddressRecord("person", f"P{i}", "Test", channels=tuple(
        ("phone", form.format(i % 100, i // 100)) for form in forms)) for i in range(2400)]
    results = []
    for workers in (0, 2):
        with Directory(tmp_path / f"w{workers}.sqlite3") as directory:
            with directory.transaction():
                for record in records:
                    directory.put(record, DE)
            summary = normalize_directory(directory, CH, workers=workers)
            rows = directory.conn.execute(
                "SELECT raw, e164, canonical, error FROM channel ORDER BY id").fetchall()
        results.append((summary.checked, summary.normalized, summary.changed, summary.failed,
                        rows))
    assert results[0] == results[1]
    assert results[0][0] == 12000


def _forms_directory(path: Path, count: int) -> Directory:
    forms = ["044 668 {:02d} {:02d}", "+49 30 12{:02d}{:02d}0", "079 1{:02d} {:02d} 67",
             "0{:02d}{:02d}"]
    directory = Directory(path)
    with directory.transaction():
        for i in range(count):
            directory.put(AddressRecord("person", f"P{i}", "Test", channels=tuple(
                ("phone", form.format(i % 100, i // 100)) for form in forms)), DE)
    return directory


def _note(seen: list[tuple[int, int]], done: int, total: int) -> None:
    seen.append((done, total))


def test_many_chunks_in_workers_give_the_same_result(tmp_path: Path, profile: Profile,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalize_run, "CHUNK_IDS", 700)  # 4000 entries: 6 chunks
    results = []
    for workers in (0, 2):
        seen: list[tuple[int, int]] = []
        with _forms_directory(tmp_path / f"w{workers}.sqlite3", 1000) as directory:
            summary = normalize_directory(directory, CH, workers=workers,
                                          progress=functools.partial(_note, seen))
            rows = directory.conn.execute(
                "SELECT raw, e164, canonical, error FROM channel ORDER BY id").fetchall()
        assert seen == [(min(4000, 700 * n), 4000) for n in range(1, 7)]
        results.append((summary.checked, summary.normalized, summary.changed, summary.failed,
                        rows))
    assert results[0] == results[1]
    assert results[0][3] == 1000  # "0{:02d}{:02d}": one warning per entry
    assert len(_log_warnings(profile)) == 2000


def test_an_interrupted_run_keeps_the_finished_chunks_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalize_run, "CHUNK_IDS", 1000)
    applied: list[int] = []
    real_apply = normalize_run._apply

    def apply_twice(*args: Any) -> None:
        if len(applied) == 2:
            raise KeyboardInterrupt
        applied.append(1)
        real_apply(*args)

    monkeypatch.setattr(normalize_run, "_apply", apply_twice)
    with _forms_directory(tmp_path / "d.sqlite3", 1000) as directory:
        with pytest.raises(KeyboardInterrupt):
            normalize_directory(directory, CH, workers=0)
        done = [row[0] for row in directory.conn.execute(
            "SELECT id FROM channel WHERE raw LIKE '044 668 %' AND canonical LIKE '+41 (44) %' "
            "ORDER BY id")]
        stale = directory.conn.execute(
            "SELECT count(*) FROM channel WHERE raw LIKE '044 668 %' "
            "AND canonical NOT LIKE '+41 (44) %'").fetchone()[0]
    # chunks (0, 1000] and (1000, 2000] are written, the rest is as before the run
    assert done == list(range(1, 2001, 4))
    assert stale == 500


def _chunk_states(directory: Directory, size: int) -> list[str]:
    """Per chunk of ``size`` ids: "done" when all its Swiss entries are written, "before"
    when none is, else "torn"."""
    rows = directory.conn.execute(
        "SELECT id, canonical LIKE '+41 (44) %' FROM channel WHERE raw LIKE '044 668 %' "
        "ORDER BY id").fetchall()
    chunks: dict[int, set[int]] = {}
    for channel_id, written in rows:
        chunks.setdefault((channel_id - 1) // size, set()).add(written)
    return ["torn" if len(seen) > 1 else "done" if seen == {1} else "before"
            for _chunk, seen in sorted(chunks.items())]


def _die_in_third_chunk(low: int, high: int) -> Any:
    """A worker's task that kills its process in the third chunk (ids 2001-3000)."""
    if low == 2000:
        os._exit(3)
    return _real_worker_chunk(low, high)


_real_worker_chunk = normalize_run._normalize_worker_chunk


def test_a_dead_worker_stops_the_run_and_keeps_the_database_consistent(
        tmp_path: Path, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalize_run, "CHUNK_IDS", 1000)
    monkeypatch.setattr(normalize_run, "_normalize_worker_chunk", _die_in_third_chunk)
    with _forms_directory(tmp_path / "d.sqlite3", 2000) as directory:
        with pytest.raises(normalize_run.RunError, match="worker process"):
            normalize_directory(directory, CH, workers=2)
        states = _chunk_states(directory, 1000)
        assert directory.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # the run can be started again and finishes the rest
        summary = normalize_directory(directory, CH, workers=0)
        assert summary.checked == 8000
        assert _chunk_states(directory, 1000) == ["done"] * 8
    # a chunk is written whole or not at all (the other worker is stopped with the pool)
    assert "done" in states[:2] and states[2] == "before"
    assert "torn" not in states


def test_an_interrupted_run_in_workers_keeps_the_finished_chunks_whole(
        tmp_path: Path, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalize_run, "CHUNK_IDS", 500)

    def stop(done: int, total: int) -> None:
        if done >= 2000:
            raise KeyboardInterrupt

    with _forms_directory(tmp_path / "d.sqlite3", 2000) as directory:
        with pytest.raises(KeyboardInterrupt):
            normalize_directory(directory, CH, workers=2, progress=stop)
        states = _chunk_states(directory, 500)
    assert states[:4] == ["done"] * 4
    assert "torn" not in states and "before" in states  # stopped, not run to the end


def test_an_entry_changed_during_the_run_keeps_the_new_value(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_chunk = normalize_run._normalize_chunk

    def chunk_then_import(*args: Any) -> Any:
        read = real_chunk(*args)
        conn = args[0]  # an import rewrites an entry between the run's read and its write
        conn.execute("UPDATE channel SET raw = '+49 30 1234567', e164 = '+49301234567' "
                     "WHERE id = 1")
        return read

    with _forms_directory(tmp_path / "plain.sqlite3", 10) as directory:
        unchanged_run = normalize_directory(directory, CH, workers=0)
    monkeypatch.setattr(normalize_run, "_normalize_chunk", chunk_then_import)
    with _forms_directory(tmp_path / "d.sqlite3", 10) as directory:
        summary = normalize_directory(directory, CH, workers=0)
        row = directory.conn.execute("SELECT raw, e164 FROM channel WHERE id = 1").fetchone()
    assert row == ("+49 30 1234567", "+49301234567")
    assert summary.changed == unchanged_run.changed - 1  # the one rewritten is not counted
