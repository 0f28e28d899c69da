-- Exit audits: staff rescan part of a paid basket, the whole basket when the part did not match.
create table audit (
    trip_id      varchar(40) primary key references trip (id),
    store_id     varchar(32) not null references store (id),
    mode         varchar(8)  not null,
    state        varchar(12) not null,
    result       varchar(12),
    missing      text,
    extra        text,
    started_at   timestamp with time zone not null,
    started_by   varchar(64) not null,
    completed_at timestamp with time zone,
    completed_by varchar(64),
    constraint audit_mode_valid check (mode in ('PARTIAL', 'FULL')),
    constraint audit_state_valid check (state in ('OPEN', 'COMPLETED'))
);
create index audit_store_idx on audit (store_id, started_at);

create table audit_scan (
    trip_id    varchar(40) not null references audit (trip_id),
    seq        integer     not null,
    gtin       varchar(14) not null,
    code       varchar(512) not null,
    scanned_at timestamp with time zone not null,
    scanned_by varchar(64) not null,
    primary key (trip_id, seq)
);
