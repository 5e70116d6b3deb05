"""Calls logged as Vertec activities: the outbox's guarantees (never twice, never lost,
never for the wrong address), against the loopback emulator of Vertec's XML interface."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_client.core import crm_log
from desktop_client.core.directory import Directory
from desktop_client.core.journal import Journal
from desktop_client.core.numbers import Location
from desktop_client.core.synced_contacts import SourceSync
from desktop_client.directories.call_logging import log_calls
from desktop_client.directories.vertec import VertecSettings, VertecSource
from tests.emulators.vertec_xml import VertecServer

CH = Location("CH", internal_digits=2)


def _describe(entry: object, name: str) -> tuple[str, str]:
    return f"Call {name}", "text"


def _setup(tmp_path: Path, server: VertecServer) -> tuple[Path, Path, VertecSource]:
    source = VertecSource(VertecSettings(server.url, server.token), CH)
    directory_path, journal_path = tmp_path / "d.sqlite3", tmp_path / "j.sqlite3"
    with Directory(directory_path) as directory, \
            SourceSync.open(directory, "vertec", CH) as target:
        source.sync(target, "", lambda _n: None)
    with Journal(journal_path) as journal:
        crm_log.start(journal, "vertec")
    return directory_path, journal_path, source


def _run(directory_path: Path, journal_path: Path, source: VertecSource) -> object:
    with Journal(journal_path) as journal, Directory(directory_path) as directory:
        return log_calls(journal, directory, CH, "vertec", lambda: source,
                         describe=_describe)


def _call(journal_path: Path, number: str, state: str = "missed", call_id: str = "") -> int:
    with Journal(journal_path) as journal:
        return journal.add(direction="incoming", state=state, number=number, call_id=call_id)


def test_two_runs_at_once_send_each_call_once(tmp_path: Path) -> None:
    with VertecServer(slow_s=0.2) as server:
        server.add_firma("Muster AG", [("T", "044 668 18 00")])
        paths = _setup(tmp_path, server)
        for index in range(3):
            _call(paths[1], "044 668 18 00", call_id=f"c{index}")
        runs = [threading.Thread(target=_run, args=paths) for _ in range(2)]
        for run in runs:
            run.start()
        for run in runs:
            run.join(60)
        assert len(server.activities) == 3


def test_a_refused_call_is_parked_and_holds_up_no_other(tmp_path: Path) -> None:
    with VertecServer() as server:
        gone = server.add_firma("Weg AG", [("T", "044 668 18 00")])
        server.add_firma("Da AG", [("T", "044 668 19 00")])
        paths = _setup(tmp_path, server)
        del server.objects[gone]  # deleted in Vertec after the sync: Create is refused
        _call(paths[1], "044 668 18 00")
        _call(paths[1], "044 668 19 00")
        results = [_run(*paths) for _ in range(crm_log.MAX_ATTEMPTS)]
        assert [a["titel"] for a in server.activities] == ["Call Da AG"]
        assert (results[-1].waiting, results[-1].refused) == (0, 1)  # type: ignore[attr-defined]


def test_internal_calls_and_the_off_period_are_not_logged(tmp_path: Path) -> None:
    with VertecServer() as server:
        server.add_person("Sonderfall", "Otto", [("F", "12"), ("T", "044 668 18 42")])
        directory_path, journal_path, source = _setup(tmp_path, server)
        _call(journal_path, "12")  # a colleague's extension, also somebody's fax in Vertec
        _run(directory_path, journal_path, source)
        assert server.activities == []
        with Journal(journal_path) as journal:
            crm_log.stop(journal, "vertec")  # logging switched off …
        _call(journal_path, "044 668 18 42")
        with Journal(journal_path) as journal:
            crm_log.start(journal, "vertec")  # … and on again
        _run(directory_path, journal_path, source)
        assert server.activities == []
        _call(journal_path, "044 668 18 42")
        _run(directory_path, journal_path, source)
        assert len(server.activities) == 1


def test_the_purge_keeps_calls_that_wait_for_vertec(tmp_path: Path) -> None:
    with VertecServer(dead=True) as server:
        server.add_firma("Muster AG", [("T", "044 668 18 00")])
        journal_path = tmp_path / "j.sqlite3"
        with Journal(journal_path) as journal:
            crm_log.start(journal, "vertec")
            journal.conn.execute("UPDATE crm_log_since SET started_at = '2000-01-01'")
            journal.conn.commit()
            old = journal.add(direction="incoming", state="missed", number="044 668 18 00",
                              started_at="2001-01-01T00:00:00+00:00")
            crm_log.collect(journal, "vertec", lambda _e: ("1", "Muster AG", ""))
            assert journal.purge("2020-01-01T00:00:00+00:00") == 0
            assert [e.id for e in journal.recent()] == [old]
            assert crm_log.counts(journal, "vertec") == (1, 0)


def test_a_call_declined_at_the_card_is_logged_a_refused_dial_is_not(tmp_path: Path) -> None:
    with VertecServer() as server:
        server.add_firma("Muster AG", [("T", "044 668 18 00")])
        paths = _setup(tmp_path, server)
        _call(paths[1], "044 668 18 00", state="rejected", call_id="declined")
        with Journal(paths[1]) as journal:  # the dial policy refused a link: not a call
            journal.add(direction="outgoing", state="rejected", number="044 668 18 00")
        _run(*paths)
        assert [a["titel"] for a in server.activities] == ["Call Muster AG"]
