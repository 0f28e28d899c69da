-- Staff, managers and HQ. Passwords are stored only as adaptive hashes (bcrypt, with the {id} prefix).
create table staff_account (
    username      varchar(64)  primary key,
    password_hash varchar(200) not null,
    role          varchar(16)  not null,
    enabled       boolean      not null,
    created_at    timestamp with time zone not null,
    constraint staff_role_valid check (role in ('STAFF', 'MANAGER', 'HQ'))
);

create table staff_store (
    username varchar(64) not null references staff_account (username),
    store_id varchar(32) not null references store (id),
    primary key (username, store_id)
);
create index staff_store_store_idx on staff_store (store_id);
