-- Between inspections (issue 8): theme readiness, the benchmarking self-assessment and the quarterly
-- check of partnership contacts. None of it is child-level data. Numbered after the issue so that it
-- cannot collide with the migrations of the inspection stages. Portable SQL (PostgreSQL and H2).

-- One theme-readiness run (bpmn/theme-readiness.bpmn); its key is the process's business key.
create table jtai_readiness (
    readiness_key     varchar(64)   not null primary key,
    theme             varchar(64)   not null,
    evidence_location varchar(300)  not null,
    started_by        varchar(128),
    started_at        timestamp with time zone not null,
    closed_at         timestamp with time zone,
    closed_reason     varchar(2000)
);

-- Each agency's checklist in the run: where it stands, the latest sign-off and quality assurance.
create table jtai_readiness_agency (
    readiness_key      varchar(64)   not null references jtai_readiness (readiness_key),
    agency             varchar(64)   not null,
    state              varchar(32)   not null,
    check_round        integer       not null,
    confirmed_by       varchar(128),
    confirmed_at       timestamp with time zone,
    signed_off_by      varchar(128),
    signed_off_at      timestamp with time zone,
    returned_reason    varchar(2000),
    quality_assurer    varchar(64),
    quality_assurance  varchar(16),
    quality_assured_by varchar(128),
    quality_assured_at timestamp with time zone,
    quality_comments   varchar(2000),
    primary key (readiness_key, agency)
);

-- Each document of an agency's checklist (guidance 7.8): uploaded and where, approved by the senior
-- authority, or the rationale where it cannot be provided. Null answers: not returned yet.
create table jtai_readiness_document (
    readiness_key   varchar(64)   not null,
    agency          varchar(64)   not null,
    document        varchar(64)   not null,
    position        integer       not null,
    title           varchar(500)  not null,
    uploaded        boolean,
    location        varchar(300),
    senior_approved boolean,
    rationale       varchar(2000),
    primary key (readiness_key, agency, document),
    foreign key (readiness_key, agency) references jtai_readiness_agency (readiness_key, agency)
);

-- One benchmarking self-assessment (bpmn/benchmarking.bpmn) and, once analysed, where the
-- presentation for day 11 of an inspection is: the latest one per theme is the one used.
create table jtai_benchmarking (
    benchmarking_key  varchar(64)   not null primary key,
    theme             varchar(64)   not null,
    due               timestamp with time zone not null,
    template_location varchar(300)  not null,
    started_by        varchar(128),
    started_at        timestamp with time zone not null,
    presentation      varchar(300),
    presentation_by   varchar(128),
    presentation_at   timestamp with time zone
);
create index jtai_benchmarking_theme on jtai_benchmarking (theme, presentation_at);

-- Each agency's rating of each evaluation criterion, in Signs of Safety form (guidance 8.2 and 8.3).
create table jtai_benchmark_rating (
    benchmarking_key varchar(64)   not null references jtai_benchmarking (benchmarking_key),
    agency           varchar(64)   not null,
    criterion        varchar(64)   not null,
    position         integer       not null,
    rag              varchar(8)    not null,
    working_well     varchar(4000),
    worried          varchar(4000),
    needs_to_happen  varchar(4000),
    submitted_by     varchar(128),
    submitted_at     timestamp with time zone not null,
    primary key (benchmarking_key, agency, criterion)
);

-- Each agency's answer to the quarterly check of its lead contact and deputies (guidance 18.5).
create table jtai_contact_confirmation (
    contacts_key     varchar(64)   not null,
    agency           varchar(64)   not null,
    contacts_current boolean       not null,
    changes          varchar(2000),
    briefed          boolean       not null,
    confirmed_by     varchar(128),
    confirmed_at     timestamp with time zone not null,
    primary key (contacts_key, agency)
);
