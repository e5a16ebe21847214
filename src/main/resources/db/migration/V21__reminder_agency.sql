-- The agency whose task a reminder is for, read from the task when its reminders are planned (the engine has the
-- task's scope loaded then), so that sending it no longer resolves the task's variables through its execution tree.
-- '' when the task has no agency; NULL on rows planned before this column, which the sender reads from the task.
alter table jtai_reminder add column agency varchar(64);
