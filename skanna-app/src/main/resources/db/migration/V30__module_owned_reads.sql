-- Each module's SQL reads only its own tables (docs/architecture.md): what a module needs of another's rows it
-- keeps itself, written from the event or call that hands it over.
-- payment: a payment knows its store, so a store's sales are counted without joining the trips.
alter table payment add column store_id varchar(32);
update payment set store_id = (select t.store_id from trip t where t.id = payment.trip_id);
alter table payment alter column store_id set not null;
create index payment_store_paid_idx on payment (store_id, status, updated_at);

-- receipt: a REFUND journal entry keeps the refund's canonical JSON it hashes (from RefundCompleted), so the
-- journal check no longer reads the payment module's refund table.
alter table journal_entry add column body text;
update journal_entry set body = (select f.body from refund f where f.id = journal_entry.reference)
    where entry_type = 'REFUND';
