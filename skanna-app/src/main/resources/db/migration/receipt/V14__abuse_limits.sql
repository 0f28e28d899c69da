-- Receipt verification without walking the journal: find a receipt's entry by its reference.
create index journal_entry_reference_idx on journal_entry (store_id, reference);

-- The head of a store's journal as last verified whole, signed with the journal key: a whole-journal check
-- re-verifies only the entries after it.
create table journal_checkpoint (
    store_id    varchar(32)  primary key references store (id),
    seq         bigint       not null,
    hash        varchar(64)  not null,
    verified_at timestamp with time zone not null,
    signature   varchar(200) not null
);

-- Calls for staff expire (skanna.assistance.expires-after): EXPIRED frees the trip for a new call like RESOLVED.
alter table assistance_request drop constraint assistance_open_matches_state;
alter table assistance_request drop constraint assistance_state_valid;
alter table assistance_request add constraint assistance_state_valid
    check (state in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'EXPIRED'));
alter table assistance_request add constraint assistance_open_matches_state
    check ((state in ('RESOLVED', 'EXPIRED') and open_trip_id is null)
        or (state in ('OPEN', 'ACKNOWLEDGED') and open_trip_id = trip_id));
create index assistance_state_created_idx on assistance_request (state, created_at);
