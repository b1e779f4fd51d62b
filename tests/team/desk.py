"""Another desk, in a process of its own (used by test_team_live_ui.py and for screenshots).

python tests/team/desk.py approve <conninfo> <post_id>
    Open the team workspace on that login and approve the post through the core API
    (the server takes the approver's name and NIP from its staff table). Prints
    "approved <post_id>".
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def approve(conninfo: str, post_id: int) -> int:
    from sumbar_studio.core.model import Approval
    from sumbar_studio.core.store.postgres.workspace import TeamWorkspace

    with (
        tempfile.TemporaryDirectory() as desk,
        TeamWorkspace.open(conninfo, cache_dir=Path(desk)) as ws,
    ):
        seen = ws.posts.get(post_id)
        approval = Approval("-", "-", "-", datetime.now(UTC), seen.content_hash())
        ws.posts.approve(post_id, approval, ws.login())
    print("approved", post_id, flush=True)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "approve":
        return approve(argv[1], int(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
