-- covers: array column types text[], int4[][], varchar(20)[], jsonb[], uuid[], array defaults ('{}'::text[], ARRAY[...]), multi-dimensional arrays, gin index on array
CREATE TABLE array_samples (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tags text[] NOT NULL DEFAULT '{}'::text[],
    matrix int4[][],
    grid integer[3][3],
    labels varchar(20)[] DEFAULT ARRAY['a'::varchar, 'b'::varchar],
    docs jsonb[],
    refs uuid[] DEFAULT ARRAY[]::uuid[],
    scores numeric(5,2)[],
    bool_flags boolean[] DEFAULT '{t,f}'::boolean[],
    stamps timestamptz[]
);
CREATE INDEX array_samples_tags_gin ON array_samples USING gin (tags);
CREATE INDEX array_samples_refs_gin ON array_samples USING gin (refs array_ops);
