-- When a store price was imported, so a phone's offline product snapshot can fetch only what changed since
-- its copy (GET /api/v1/stores/{id}/offline-catalog?since=). Rows from before this column stay null: older
-- than any snapshot a phone can hold after this release.
alter table store_price add column updated_at timestamp with time zone;
create index product_updated_at_idx on product (updated_at);
