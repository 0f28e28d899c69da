-- What the shopper's app must do to finish a payment it started, e.g. open Swish with a payment request
-- token. Set when the provider answers a started payment; shown only while the payment is PENDING.
alter table payment add column action varchar(2000);
