"""A container's start: a read-only content and index tree, an unprivileged user, no writes.

``content-api index`` prepares everything ``serve`` reads (the index and the validated
snapshot); the server then starts warm and writes nothing where the content lives.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.servers import server_process
from tests.conftest import PROJECT_ROOT

NOBODY = 65534
SETPRIV = shutil.which("setpriv")
# The interpreter may live where only root can look (a pyenv under /root): the user may
# read and search every folder, which grants no write anywhere.
AS_NOBODY = (
    str(SETPRIV),
    f"--reuid={NOBODY}",
    f"--regid={NOBODY}",
    "--clear-groups",
    "--inh-caps=+dac_read_search",
    "--ambient-caps=+dac_read_search",
)

needs_root = pytest.mark.skipif(
    SETPRIV is None or os.geteuid() != 0,
    reason="starting the server as another user needs root and util-linux's setpriv",
)


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``root``, with its size and modification time."""
    state = {}
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        state[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return state


def set_writable(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        bits = stat.S_IWUSR if writable else 0
        path.chmod((mode & ~0o222) | bits)


@pytest.fixture
def read_only_tree(tmp_path: Path) -> Iterator[Path]:
    """A copy of the shipped content, indexed by ``content-api index``, then made read-only."""
    root = tmp_path / "tree"
    shutil.copytree(PROJECT_ROOT / "content", root / "content")
    shutil.copytree(PROJECT_ROOT / "locales", root / "locales")
    subprocess.run(
        [str(Path(sys.executable).parent / "content-api"), "index", "--root", str(root)],
        check=True,
        capture_output=True,
    )
    set_writable(root, writable=False)
    try:
        yield root
    finally:
        set_writable(root, writable=True)


def test_the_index_command_keeps_what_serve_reads(read_only_tree: Path) -> None:
    index_dir = read_only_tree / "search_index"

    assert list((index_dir / "snapshots").glob("*.snapshot.pickle"))
    assert (index_dir / "CURRENT").is_file()


@needs_root
def test_an_unprivileged_user_serves_a_read_only_tree_warm(read_only_tree: Path) -> None:
    before = tree_state(read_only_tree)
    index_dir = read_only_tree / "search_index"

    with server_process(read_only_tree, index_dir, command_prefix=AS_NOBODY) as server:
        ready = httpx.get(f"{server.url}/readyz")
        search = httpx.post(
            f"{server.url}/graphql",
            json={"query": '{ search(query: "kétamine", locale: "fr-CA") { totalCount } }'},
        )
        log = server.output()
        # setpriv execs the server in place: the same process, now the user's.
        status = Path(f"/proc/{server.process.pid}/status").read_text()

    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert search.json()["data"]["search"]["totalCount"] > 0
    assert "Traceback" not in log
    # Warm: the snapshot came from the cache, nothing was parsed or written.
    assert "no validated snapshot" not in log
    assert "could not keep" not in log
    assert tree_state(read_only_tree) == before
    [uids] = [line.split()[1:] for line in status.splitlines() if line.startswith("Uid:")]
    assert set(uids) == {str(NOBODY)}
