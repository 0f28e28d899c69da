-- Payment recovery looks at every PENDING payment, with backoff, the work split across nodes: a node claims due
-- payments with FOR UPDATE SKIP LOCKED and moves their next check ahead before it asks the provider.
alter table payment add column next_check_at timestamp with time zone;
alter table payment add column checks integer not null default 0;
update payment set next_check_at = created_at where status = 'PENDING';
create index payment_due_idx on payment (status, next_check_at);
