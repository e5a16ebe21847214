-- The claim of each queue asks for its due rows in its own order and takes the first few ("fetch first n rows only
-- for update skip locked"). The indexes found the due rows but not in that order, so every claim read and sorted all
-- of them: the reminders' by (next_attempt_at, id), where a deadline shared by many tasks makes thousands due at
-- the same instant (4.5 ms a claim at 150 inspections, issue 19); the outbox's by id. With the order in the index the
-- claim reads only the rows it takes. The outbox keeps its index by due time for a backlog waiting to be retried.
create index jtai_reminder_due_in_order on jtai_reminder (status, next_attempt_at, id);
drop index jtai_reminder_due;
create index jtai_outbox_pending_in_order on jtai_outbox (status, id);
