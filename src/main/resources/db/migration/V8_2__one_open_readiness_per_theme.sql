-- A theme has one open readiness run at a time. The start checks it with a query, but two Business
-- Unit users starting the same theme in the same instant would both pass that check; this column
-- (the theme while the run is open, null once closed) makes the database refuse the second.
-- A unique constraint ignores nulls on both PostgreSQL and H2, so closed runs never collide.
alter table jtai_readiness add column open_theme varchar(64);
update jtai_readiness set open_theme = theme where closed_at is null;
alter table jtai_readiness add constraint uq_jtai_readiness_open_theme unique (open_theme);
