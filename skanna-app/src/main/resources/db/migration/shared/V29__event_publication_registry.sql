-- Module events (Spring Modulith's event publication registry) replace the outbox, which was written and never
-- read. A publication is stored with the transaction that publishes its event, once per after-commit listener,
-- and deleted once that listener has handled it (spring.modulith.events.completion-mode=delete); one still here
-- after a crash is handed to its listener again at the next start. Layout: Modulith 2.1's JDBC schema (v2).
drop table outbox;

create table event_publication (
    id                     uuid not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar(20000) not null,
    publication_date       timestamp(9) with time zone not null,
    completion_date        timestamp(9) with time zone,
    status                 varchar(20),
    completion_attempts    integer,
    last_resubmission_date timestamp(9) with time zone
);

create index event_publication_by_completion_date on event_publication (completion_date);
create index event_publication_by_listener on event_publication (listener_id, publication_date);
