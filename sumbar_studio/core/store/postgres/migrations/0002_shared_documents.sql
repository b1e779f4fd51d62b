-- Sumbar Studio team server, schema version 2: the team's shared files.
-- What a local workspace keeps as files beside its database (team.json: people, signatories,
-- brand kit, official-accounts register; platforms.json; rules/*: rule-list overrides and the
-- team dictionary) lives here, so nothing a team shares stays on one desk. Each desk keeps a
-- read copy in its desk folder and replaces it when the server announces a change.

SET LOCAL ROLE sumbar_owner;
SET LOCAL search_path = sumbar, pg_temp;

CREATE TABLE documents (
    name text PRIMARY KEY
        CHECK (name ~ '^(team\.json|platforms\.json|logo/[A-Za-z0-9_.-]+|rules/[A-Za-z0-9_.-]+)$'),
    body bytea NOT NULL,
    sha256 text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    updated_by text NOT NULL DEFAULT session_user,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- every change to a shared file, append only (who, when, which bytes)
CREATE TABLE document_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    version integer NOT NULL,
    sha256 text,            -- NULL: the file was removed (back to the shipped default)
    login text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT now()
);

-- Who may change which file: the team dictionary and rule lists are everyday work for
-- officers; the team settings (people, signatories, brand, accounts) and platform data belong
-- to approvers and admins.
CREATE FUNCTION may_write_document(p_name text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_name LIKE 'rules/%'
                THEN member_of('sumbar_pengelola') OR member_of('sumbar_penyetuju')
                     OR member_of('sumbar_admin')
                ELSE member_of('sumbar_penyetuju') OR member_of('sumbar_admin') END
$$;

-- Write (p_body not NULL) or remove (p_body NULL) a shared file. p_base_version is the version
-- the desk last read (0: it had none); a different current version is a stale write (SB409),
-- refused so that one desk never silently overwrites another's change.
CREATE FUNCTION put_document(p_name text, p_body bytea, p_base_version integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = sumbar, pg_temp AS $$
DECLARE
    cur documents;
    v integer;
    digest text;
BEGIN
    IF NOT may_write_document(p_name) THEN
        RAISE EXCEPTION 'not_allowed' USING ERRCODE = '42501', HINT = 'document';
    END IF;
    SELECT * INTO cur FROM documents WHERE name = p_name FOR UPDATE;
    IF coalesce(cur.version, 0) <> coalesce(p_base_version, 0) THEN
        RAISE EXCEPTION 'stale' USING ERRCODE = 'SB409', DETAIL = coalesce(cur.version, 0)::text;
    END IF;
    v := coalesce(cur.version, 0) + 1;
    IF p_body IS NULL THEN
        DELETE FROM documents WHERE name = p_name;
        digest := NULL;
    ELSE
        digest := encode(sha256(p_body), 'hex');
        INSERT INTO documents (name, body, sha256, version, updated_by, updated_at)
        VALUES (p_name, p_body, digest, v, session_user, now())
        ON CONFLICT (name) DO UPDATE SET body = excluded.body, sha256 = excluded.sha256,
            version = excluded.version, updated_by = excluded.updated_by,
            updated_at = excluded.updated_at;
    END IF;
    INSERT INTO document_history (name, version, sha256) VALUES (p_name, v, digest);
    PERFORM pg_notify('sumbar_documents', json_build_object(
        'name', p_name, 'version', v, 'login', session_user)::text);
    RETURN v;
END $$;

REVOKE ALL ON documents, document_history FROM PUBLIC;
REVOKE ALL ON FUNCTION may_write_document(text), put_document(text, bytea, integer) FROM PUBLIC;
GRANT SELECT ON documents, document_history
    TO sumbar_pengelola, sumbar_penyetuju, sumbar_pembaca, sumbar_admin;
GRANT EXECUTE ON FUNCTION may_write_document(text), put_document(text, bytea, integer)
    TO sumbar_pengelola, sumbar_penyetuju, sumbar_pembaca, sumbar_admin;

INSERT INTO schema_version (version) VALUES (2);
