-- Shoppers calling for staff from the app. A request is OPEN, then ACKNOWLEDGED (someone is on the way), then
-- RESOLVED. open_trip_id holds the trip's id while the request is not resolved and null after: its unique
-- constraint allows one unresolved request per trip on H2 and PostgreSQL alike (no partial indexes needed).
create table assistance_request (
    id              varchar(40)  primary key,
    trip_id         varchar(40)  not null references trip (id),
    store_id        varchar(32)  not null references store (id),
    message         varchar(200),
    state           varchar(16)  not null,
    open_trip_id    varchar(40),
    created_at      timestamp with time zone not null,
    acknowledged_at timestamp with time zone,
    acknowledged_by varchar(64),
    resolved_at     timestamp with time zone,
    resolved_by     varchar(64),
    constraint assistance_state_valid check (state in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    constraint assistance_open_matches_state check ((state = 'RESOLVED' and open_trip_id is null)
        or (state <> 'RESOLVED' and open_trip_id = trip_id)),
    constraint assistance_one_open_per_trip unique (open_trip_id)
);
create index assistance_store_state_idx on assistance_request (store_id, state, created_at);
create index assistance_trip_idx on assistance_request (trip_id, created_at);
