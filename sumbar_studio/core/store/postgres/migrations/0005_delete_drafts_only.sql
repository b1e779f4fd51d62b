-- Sumbar Studio team server, schema version 5: only drafts can be deleted.
-- A post that went to review, was approved, scheduled, published or archived stays on record
-- (archive it when it is not used); the app says so before it asks the server, and the server
-- refuses the same for anyone deleting through its own client.

SET LOCAL ROLE sumbar_owner;
SET LOCAL search_path = sumbar, pg_temp;

CREATE FUNCTION posts_before_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' AND NOT importing() THEN
        RAISE EXCEPTION 'delete_only_drafts' USING ERRCODE = 'SB424', DETAIL = OLD.status;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER posts_before_delete BEFORE DELETE ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_before_delete();

REVOKE ALL ON FUNCTION posts_before_delete() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION posts_before_delete()
    TO sumbar_pengelola, sumbar_penyetuju, sumbar_pembaca, sumbar_admin;

INSERT INTO schema_version (version) VALUES (5);
