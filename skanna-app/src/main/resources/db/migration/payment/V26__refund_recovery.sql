-- Refund recovery looks at every PENDING refund, with backoff, the work split across nodes, as payment recovery
-- does (V18): a node claims due refunds with FOR UPDATE SKIP LOCKED and moves their next check ahead first.
alter table refund add column next_check_at timestamp with time zone;
alter table refund add column checks integer not null default 0;
update refund set next_check_at = created_at where status = 'PENDING';
create index refund_due_idx on refund (status, next_check_at);
