-- Which node finished each row of the two claimable queues (the outbox's e-mails, the reminders): the node
-- name is the process ("pid@host") and its sender, so two service instances' shares of the work can be read.
alter table jtai_outbox add column done_by varchar(200);
alter table jtai_reminder add column done_by varchar(200);
