CREATE TABLE pages (
    id        integer PRIMARY KEY,
    tenant_id integer,
    slug      text,
    CONSTRAINT pages_tenant_slug_key UNIQUE (tenant_id, slug)
);
