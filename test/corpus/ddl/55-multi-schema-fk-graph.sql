-- covers: FK dependency graph across three schemas with cycles (FK added after both tables exist), DEFERRABLE circular FKs, self-referencing composite FK, FK referencing a partitioned table, MATCH FULL composite
CREATE SCHEMA core;
CREATE SCHEMA people;
CREATE SCHEMA orgs;
CREATE TABLE orgs.companies (
    id integer PRIMARY KEY,
    name text NOT NULL,
    ceo_id integer
);
CREATE TABLE people.persons (
    id integer PRIMARY KEY,
    company_id integer REFERENCES orgs.companies (id) ON DELETE SET NULL ON UPDATE CASCADE,
    name text NOT NULL
);
ALTER TABLE orgs.companies ADD CONSTRAINT companies_ceo_fk FOREIGN KEY (ceo_id)
    REFERENCES people.persons (id) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE core.org_units (
    company_id integer NOT NULL REFERENCES orgs.companies (id) ON DELETE CASCADE,
    unit_code text NOT NULL,
    parent_unit_code text,
    PRIMARY KEY (company_id, unit_code),
    FOREIGN KEY (company_id, parent_unit_code) REFERENCES core.org_units (company_id, unit_code) MATCH FULL ON DELETE RESTRICT
);
CREATE TABLE core.events (
    id bigint NOT NULL,
    happened date NOT NULL,
    PRIMARY KEY (id, happened)
) PARTITION BY RANGE (happened);
CREATE TABLE core.events_2024 PARTITION OF core.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE core.event_refs (
    event_id bigint NOT NULL,
    event_day date NOT NULL,
    person_id integer REFERENCES people.persons (id) ON DELETE NO ACTION,
    FOREIGN KEY (event_id, event_day) REFERENCES core.events (id, happened) ON DELETE CASCADE
);
