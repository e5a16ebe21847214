-- Why a senior sent a child's audit return back (free text about a child's case): kept with the return,
-- shown on the agency's reopened audit tool task, purged with the rest of the child-level data. It was a
-- process variable before, readable through the engine's generic endpoints.
alter table jtai_audit_return add column sent_back_reason varchar(2000);
