-- One exit pass per paid trip: showing it again gives the same pass; it expires a set time after payment.
create table exit_pass (
    trip_id    varchar(40) primary key references trip (id),
    pass_id    varchar(40) not null,
    issued_at  timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    constraint exit_pass_id_unique unique (pass_id)
);

-- Member ids the chain imported, kept only as keyed hashes (HMAC-SHA256, hex).
create table member (
    id_hash     varchar(64) primary key,
    imported_at timestamp with time zone not null
);

-- A trip's member id counts (member prices, shopper history) only when it was verified when the trip started.
alter table trip add column member_verified boolean not null default false;
-- Variable-measure codes typed in by hand rather than read by the camera: a risk signal for exit audits.
alter table trip add column manual_labels integer not null default 0;

-- Plausible bounds for weight and price labels; null means the default for the product's unit.
alter table product add column min_weight_grams bigint;
alter table product add column max_weight_grams bigint;
alter table product add column min_label_price bigint;
alter table product add column max_label_price bigint;
