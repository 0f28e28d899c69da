-- Every signature names the chain key that made it (se.skanna.signing.SigningKeys#keyId). Rows signed before
-- this column existed keep null: they are verified against every published key of the chain, and the check
-- names the key that matched.
alter table receipt add column key_id varchar(32);
alter table journal_entry add column key_id varchar(32);
alter table journal_checkpoint add column key_id varchar(32);
