-- PostgreSQL only (db/{vendor}): calls for staff and age checks reach the staff pages of every node at once
-- (se.skanna.shared.ClusterSignals, channel skanna_floor; payload "schema|storeId"). Only rows staff act on
-- fire: a scan of an ordinary item sends nothing. PostgreSQL folds identical notifications of one transaction.
create or replace function skanna_floor_signal() returns trigger language plpgsql as $$
declare
    store varchar;
begin
    if tg_table_name = 'assistance_request' then
        store := new.store_id;
    else
        select t.store_id into store from trip t where t.id = new.trip_id;
    end if;
    perform pg_notify('skanna_floor', tg_table_schema || '|' || coalesce(store, ''));
    return null;
end
$$;

create trigger assistance_floor_signal after insert or update on assistance_request
    for each row execute function skanna_floor_signal();

create trigger age_line_floor_signal after insert on trip_line
    for each row when (new.age_limit is not null) execute function skanna_floor_signal();

create trigger age_approval_floor_signal after update of age_approved_by on trip_line
    for each row when (new.age_limit is not null and new.age_approved_by is distinct from old.age_approved_by)
    execute function skanna_floor_signal();
