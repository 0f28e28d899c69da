-- PostgreSQL only (db/{vendor}): V28 moved cart lines into the trip row (trip.lines, trip.age_pending) and dropped
-- trip_line with its two age-check triggers. The same signal now fires on the trip row: whenever the number of
-- lines waiting for an age check changes (an age-restricted line added, approved or removed), staff pages of
-- every node hear of it (channel skanna_floor, payload "schema|storeId"). An ordinary scan sends nothing.
create or replace function skanna_floor_signal() returns trigger language plpgsql as $$
declare
    store varchar;
begin
    if tg_table_name in ('assistance_request', 'trip') then
        store := new.store_id;
    else
        select t.store_id into store from trip t where t.id = new.trip_id;
    end if;
    perform pg_notify('skanna_floor', tg_table_schema || '|' || coalesce(store, ''));
    return null;
end
$$;

create trigger age_pending_floor_signal after update of age_pending on trip
    for each row when (new.age_pending is distinct from old.age_pending)
    execute function skanna_floor_signal();
