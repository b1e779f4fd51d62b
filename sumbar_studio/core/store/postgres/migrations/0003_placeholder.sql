SET LOCAL ROLE sumbar_owner;
SET LOCAL search_path = sumbar, pg_temp;
INSERT INTO schema_version (version) VALUES (3);
