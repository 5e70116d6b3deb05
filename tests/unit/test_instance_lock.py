"""One app per profile: the lock is the operating system's, and it names the holder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_client.core.instance_lock import InstanceLock


def test_a_second_holder_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    assert second.holder() == os.getpid()
    first.release()
    assert second.acquire()
    second.release()


def test_a_dead_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    code = ("import sys, os; from pathlib import Path; "
            "from desktop_client.core.instance_lock import InstanceLock; "
            "assert InstanceLock(Path(sys.argv[1])).acquire(); os._exit(9)")
    child = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=False)
    assert child.returncode == 9  # died holding the lock, without releasing it
    lock = InstanceLock(tmp_path)
    assert lock.acquire()
    assert lock.holder() == os.getpid()
    lock.release()
