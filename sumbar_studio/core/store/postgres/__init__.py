"""The team server back end: PostgreSQL through psycopg 3 (sync API).

- :mod:`.admin` -- ``team init``: roles, versioned schema (``migrations/*.sql``), logins
- :mod:`.repository` -- :class:`PostgresPostRepository`, the same contract as the SQLite one,
  with status changes and approvals through the server's SECURITY DEFINER functions
- :mod:`.listen` -- LISTEN/NOTIFY change feed with a re-read on reconnect
- :mod:`.transfer` -- ``team push`` / ``team pull`` between a local workspace and the server
- :mod:`.workspace` -- :class:`TeamWorkspace`: posts, media and repository over one login
- :mod:`.media` -- photos on the server by SHA-256, with a per-desk read cache
- :mod:`.live` -- :class:`LiveQuery`: one query's rows kept current from the change feed
- :mod:`.address` -- host/port/database/login/CA to a libpq string (verify-full TLS)
- :mod:`.health` -- what ``doctor`` reports about a server
- :mod:`.localserver` -- a throwaway local server for tests and benchmarks

Importing this package does not need psycopg; the modules that talk to a server do.
"""

GROUPS = {
    "officer": "sumbar_pengelola",
    "approver": "sumbar_penyetuju",
    "viewer": "sumbar_pembaca",
    "admin": "sumbar_admin",
}
OWNER = "sumbar_owner"
SCHEMA = "sumbar"

__all__ = ["GROUPS", "OWNER", "SCHEMA"]
