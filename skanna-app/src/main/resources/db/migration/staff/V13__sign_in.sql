-- Sign-in hardening (issue 11). A staff account's credentials stamp changes with its password and when it is
-- disabled, so console sessions opened before stop working. API tokens for integrations: only the SHA-256 of
-- the token is kept; scoped to a role and stores like an account; revoked, never deleted.
alter table staff_account add column credentials_stamp varchar(36) default 'initial' not null;

create table api_token (
    id           varchar(32)  primary key,
    name         varchar(100) not null,
    token_hash   varchar(64)  not null,
    role         varchar(16)  not null,
    created_by   varchar(64)  not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone,
    constraint api_token_hash_unique unique (token_hash),
    constraint api_token_role_valid check (role in ('STAFF', 'MANAGER', 'HQ'))
);

create table api_token_store (
    token_id varchar(32) not null references api_token (id),
    store_id varchar(32) not null references store (id),
    primary key (token_id, store_id)
);
