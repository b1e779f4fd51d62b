"""A process killed mid-burst loses nothing it acknowledged and leaves a sound database."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

from sumbar_studio.core.workspace import Workspace

WRITER = textwrap.dedent(
    """
    import sys
    from sumbar_studio.core.model import Post
    from sumbar_studio.core.workspace import Workspace

    ws = Workspace.open(sys.argv[1])
    i = 0
    while True:
        i += 1
        post = ws.posts.add(Post(title=f"Unggahan {i}", caption="x" * 2000,
                                 platforms=["instagram"]), "uji")
        post.caption = f"Versi kedua {i}"
        saved = ws.posts.save(post, "uji")
        print(saved.id, saved.version, flush=True)  # acknowledged only after commit
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_a_save_burst_loses_no_acknowledged_save(tmp_path):
    folder = tmp_path / "ws"
    Workspace.open(folder).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True
    )
    acknowledged = []
    deadline = time.monotonic() + 30
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged.append(tuple(int(x) for x in line.split()))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # whatever the child printed before dying was also acknowledged
    acknowledged += [tuple(int(x) for x in line.split()) for line in proc.stdout if line.strip()]
    assert len(acknowledged) >= 40, "writer too slow or died early"
    with Workspace.open(folder) as ws:
        assert ws.integrity_check() == "ok"
        for post_id, version in acknowledged:
            post = ws.posts.get(post_id)
            assert post.version >= version
            assert post.caption == f"Versi kedua {post_id}"
