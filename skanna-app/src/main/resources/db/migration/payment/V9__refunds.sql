-- Refunds of paid payments. A refund confirmed by the provider is REFUNDED and journalled (entry type REFUND)
-- in the payment's store; body is its canonical JSON, whose SHA-256 is the journal entry's payload hash.
create table refund (
    id              varchar(40)  primary key,
    payment_id      varchar(40)  not null references payment (id),
    store_id        varchar(32)  not null,
    idempotency_key varchar(128) not null,
    request_hash    varchar(64)  not null,
    amount          bigint       not null,
    currency        varchar(3)   not null,
    reason          varchar(200) not null,
    requested_by    varchar(64)  not null,
    status          varchar(16)  not null,
    provider_ref    varchar(100),
    failure_reason  varchar(200),
    body            text,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint refund_status_valid check (status in ('PENDING', 'REFUNDED', 'FAILED')),
    constraint refund_amount_positive check (amount >= 1),
    constraint refund_key_unique unique (payment_id, idempotency_key)
);
create index refund_payment_idx on refund (payment_id);
create index refund_store_idx on refund (store_id);
create index refund_status_idx on refund (status, created_at);
