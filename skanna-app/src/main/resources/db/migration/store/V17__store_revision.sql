-- A revision per store row from one sequence, so every node derives the same validators (ETags, event ids) from
-- the database: the chain's revision is the sum of its stores' revisions, which grows with every change.
create sequence store_revision_seq;
alter table store add column revision bigint not null default 0;
