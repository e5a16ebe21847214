-- Each agency's known-to-agency return for the inspectors' first selection: one row per child and
-- question, recorded as the agency completes its task. Child-level data: purged with the inspection.
create table jtai_known_to_agency (
    reference       varchar(64)  not null references jtai_inspection (reference),
    agency          varchar(64)  not null,
    child_reference varchar(64)  not null,
    question        varchar(64)  not null,
    answer          varchar(8)   not null,
    submitted_by    varchar(128),
    submitted_at    timestamp with time zone not null,
    primary key (reference, agency, child_reference, question)
);

-- When an inspection's child-level data was purged (null while it runs).
alter table jtai_inspection add column purged_at timestamp with time zone;

-- The inspectors' selections: the first selection (20, or the theme's range) and which of them were
-- selected for audit. Child-level data: held here, not in process variables, so only the steps that
-- need it see it; purged with the inspection.
create table jtai_selected_child (
    reference          varchar(64) not null references jtai_inspection (reference),
    child_reference    varchar(64) not null,
    position           integer     not null,
    selected_for_audit boolean     not null,
    audit_position     integer,
    primary key (reference, child_reference)
);
