-- The longest pause between two changes of a trip's cart, a risk signal for exit audits.
alter table trip add column longest_gap_seconds bigint not null default 0;
