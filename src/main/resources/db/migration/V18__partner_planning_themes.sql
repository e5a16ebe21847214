-- Section 12: "It will be each partners responsibility to ensure they collate the themes/areas of concern from
-- their practitioners discussion with inspectors"; shared at the daily planning meetings, where the LA Inspection
-- Manager gathers them. A row with an agency is that partner's collation; without one, LAIM's record of the
-- meeting. Free text: child-level data, purged with the inspection (jtai_planning_theme already is).
alter table jtai_planning_theme add column agency varchar(32);
