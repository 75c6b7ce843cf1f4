-- covers: integer and numeric column types (int2/int4/int8, numeric(p,s), numeric unconstrained, real, double precision, money), numeric defaults
CREATE TABLE measurements (
    id bigint NOT NULL,
    small_val smallint DEFAULT 1,
    int_val integer DEFAULT -42,
    big_val bigint DEFAULT 9223372036854775807,
    price numeric(12,2) NOT NULL DEFAULT 0.00,
    ratio numeric(5,4) DEFAULT 0.5,
    free_numeric numeric,
    approx real DEFAULT 1.5,
    precise double precision DEFAULT 3.141592653589793,
    cost money,
    int2_col int2,
    int4_col int4,
    int8_col int8,
    float4_col float4,
    float8_col float8,
    dec_col decimal(10,0)
);
