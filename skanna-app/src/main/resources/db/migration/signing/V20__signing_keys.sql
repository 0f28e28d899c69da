-- The chain's signing identity: every node must sign with the ACTIVE key; RETIRED keys stay published so that
-- what they signed still verifies after a rotation (se.skanna.signing.ChainSigningIdentity).
create table signing_key (
    key_id        varchar(32)  primary key,
    public_key    varchar(200) not null,
    state         varchar(16)  not null,
    registered_at timestamp with time zone not null,
    retired_at    timestamp with time zone,
    constraint signing_key_state_valid check (state in ('ACTIVE', 'RETIRED'))
);
