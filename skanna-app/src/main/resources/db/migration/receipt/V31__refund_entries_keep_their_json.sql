-- A REFUND journal entry keeps the refund's canonical JSON it hashes (handed over in RefundCompleted), so the
-- journal check no longer reads the payment module's refund table. Existing entries copy it from the refund.
alter table journal_entry add column body text;
update journal_entry set body = (select f.body from refund f where f.id = journal_entry.reference)
    where entry_type = 'REFUND';
