-- Who acts for each agency in one inspection, as the agency confirmed on day 1 (guidance 18.5: "if your
-- lead contact is not available, provide a suitable deputy"): the daily digest and the escalations of the
-- agency's missed deadlines reach this person as well as the partnership file's mailboxes. Staff contact
-- details, not child-level data. Portable SQL (PostgreSQL and H2).
create table jtai_acting_contact (
    reference   varchar(64)  not null,
    agency      varchar(64)  not null,
    acting_as   varchar(16)  not null,
    name        varchar(120) not null,
    email       varchar(254) not null,
    recorded_by varchar(128),
    recorded_at timestamp with time zone not null,
    primary key (reference, agency)
);
