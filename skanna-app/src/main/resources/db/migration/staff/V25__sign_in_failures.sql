-- Failed sign-ins counted for every node on PostgreSQL (se.skanna.staff.SharedSignInAttemptStore), per account and
-- per client address. Rows past keep_until are swept. Unused on the embedded H2 node (counted in memory there).
create table sign_in_failure (
    attempt_key   varchar(200) primary key,
    failures      integer      not null,
    blocked_until timestamp with time zone,
    keep_until    timestamp with time zone not null
);
create index sign_in_failure_keep_idx on sign_in_failure (keep_until);
