-- Reminders are drained like the outbox (store/ClaimableQueue): a node claims a batch of due rows with
-- select ... for update skip locked and holds them until claimed_until; a node that dies holding them
-- loses them then. Portable SQL (PostgreSQL and H2).
alter table jtai_reminder add column claimed_by varchar(100);
alter table jtai_reminder add column claimed_until timestamp with time zone;
