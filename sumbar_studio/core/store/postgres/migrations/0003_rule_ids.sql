-- Sumbar Studio team server, schema version 3: rule ids are Indonesian (issue 11).
-- The renames are listed once, in core/checks/ruleids.py (RENAMED: platform.length ->
-- platform.panjang, akses.alt_text -> akses.teks_alt, ...).
--
-- On the server a rule id is stored in one place only: the audit, as an approval's overridden
-- rules (detail -> 'overridden'). The audit is append-only and hash-chained, so its rows are not
-- rewritten: the app shows history through the alias table (PostService.history). Posts,
-- approvals, attestations (keyed by checklist item, not rule) and comments hold no rule id.
--
-- This version still matters: an app older than the rename would go on writing the old ids;
-- from this version on, only apps that write today's ids connect (team.schema_mismatch), so
-- the rows under old ids are exactly those written before it. Applied as the installer, in one
-- transaction, like 0001.

SET LOCAL ROLE sumbar_owner;
SET LOCAL search_path = sumbar, pg_temp;

COMMENT ON COLUMN audit.detail IS
    'What the action was about (JSON). Rule ids in "overridden" are stored as written; ids renamed '
    'since (core/checks/ruleids.py) are shown under their names of today.';

INSERT INTO schema_version (version) VALUES (3);
