-- covers: uuid (gen_random_uuid(), NULL::uuid defaults), jsonb, json, bytea, inet, cidr, macaddr, bit, varbit, tsvector, point, box, circle, range types, xml, oid
CREATE TABLE misc_types (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    parent_id uuid DEFAULT NULL::uuid,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    payload_list jsonb DEFAULT '[]'::jsonb,
    raw_json json,
    blob bytea DEFAULT '\x00ff'::bytea,
    client_ip inet DEFAULT '127.0.0.1'::inet,
    network cidr,
    mac macaddr,
    flags bit(8) DEFAULT B'00000000',
    var_flags bit varying(16),
    search tsvector,
    location point,
    area box,
    zone circle,
    valid_range tsrange,
    valid_tz_range tstzrange,
    int_range int4range DEFAULT '[1,10)'::int4range,
    doc xml,
    ref_oid oid
);
