-- ShedLock's table (store/SchedulerLocks): the schedulers that must run on one node at a time (purge,
-- the managers' filters, the daily digest) take their lock here first. Portable SQL (PostgreSQL and H2).
create table jtai_scheduler_lock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
