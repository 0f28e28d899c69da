-- Rate limits shared by every node on PostgreSQL (se.skanna.shared.SharedRateLimiter): one token bucket per key,
-- updated in one atomic upsert. Rows whose bucket has filled up again are swept. Unused on the embedded H2 node.
create table rate_limit_bucket (
    bucket_key  varchar(200)     primary key,
    tokens      double precision not null,
    updated_ms  bigint           not null,
    full_at_ms  bigint           not null,
    admitted    boolean          not null
);
create index rate_limit_bucket_full_idx on rate_limit_bucket (full_at_ms);
