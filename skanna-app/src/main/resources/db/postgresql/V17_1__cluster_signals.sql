-- PostgreSQL only (db/{vendor}): every committed change to the stores or the catalog signals the other nodes at
-- once through LISTEN/NOTIFY (se.skanna.shared.ClusterSignals); the payload names the schema, so nodes of
-- another Skanna in the same database ignore it. Delivered on commit, never for a rolled-back change.
create or replace function skanna_signal() returns trigger language plpgsql as $$
begin
    perform pg_notify('skanna_' || tg_table_name, tg_table_schema);
    return null;
end
$$;

create trigger store_signal after insert or update or delete on store
    for each statement execute function skanna_signal();

create trigger catalog_import_signal after insert on catalog_import
    for each statement execute function skanna_signal();
