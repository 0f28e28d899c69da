-- A payment knows its store, so a store's sales are counted without joining the trip module's table
-- (docs/architecture.md: each module's SQL reads its own tables). Existing payments take their trip's store.
alter table payment add column store_id varchar(32);
update payment set store_id = (select t.store_id from trip t where t.id = payment.trip_id);
alter table payment alter column store_id set not null;
create index payment_store_paid_idx on payment (store_id, status, updated_at);
