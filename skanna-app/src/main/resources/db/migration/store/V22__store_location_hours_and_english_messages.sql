-- Where a store is and when it is open (the public status page: search by postcode, near me, the map, the
-- per-store page), and a store message in English beside the Swedish one. All optional: stores registered before
-- this have none until HQ imports them (POST /api/v1/stores).
alter table store add column street varchar(120);
alter table store add column postcode varchar(5);
alter table store add column latitude double precision;
alter table store add column longitude double precision;
alter table store add column opening_hours varchar(200);
alter table store add column message_en varchar(500);

alter table incident add column message_en varchar(500);
alter table incident_store add column previous_message_en varchar(500);
alter table store_status_change add column message_en varchar(500);
