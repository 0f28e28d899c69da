-- Shopping trips: the shopper's cart, durable line by line, and every scan id seen (idempotency).
create table trip (
    id                 varchar(40) primary key,
    store_id           varchar(32) not null references store (id),
    member_id          varchar(64),
    token_hash         varchar(64) not null,
    status             varchar(16) not null,
    created_at         timestamp with time zone not null,
    last_activity_at   timestamp with time zone not null,
    next_line          integer     not null,
    removed_lines      integer     not null default 0,
    unknown_codes      integer     not null default 0,
    constraint trip_status_valid check (status in ('OPEN', 'PAYING', 'PAID', 'EXPIRED', 'CANCELLED'))
);
create index trip_store_status_idx on trip (store_id, status);

create table trip_line (
    trip_id      varchar(40)  not null references trip (id),
    line_id      varchar(16)  not null,
    position     integer      not null,
    code         varchar(512) not null,
    gtin         varchar(14)  not null,
    name         varchar(200) not null,
    quantity     integer      not null,
    weight_grams bigint,
    unit_price   bigint       not null,
    amount       bigint,
    measured     boolean      not null,
    deposit      bigint       not null,
    vat_rate     integer      not null,
    age_limit    integer,
    primary key (trip_id, line_id),
    constraint trip_line_quantity check (quantity > 0)
);

create table trip_scan (
    trip_id      varchar(40)  not null references trip (id),
    scan_id      varchar(64)  not null,
    code         varchar(512) not null,
    quantity     integer      not null,
    line_id      varchar(16)  not null,
    answer       text         not null,
    scanned_at   timestamp with time zone not null,
    primary key (trip_id, scan_id)
);
