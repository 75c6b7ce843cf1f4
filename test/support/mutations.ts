/**
 * Single mutations of the base schema (test/corpus/mutations/base.sql), generated from a description of its
 * objects: each changes one property of one object (adds it, removes it or changes it). The mutation test applies
 * one to a copy of the base database; `diagnose` against the base's manifest must name the object, and `apply`
 * must bring the copy back (or refuse up front, exit 3, changing nothing).
 */
export interface Mutation {
  /** Stable, unique: `column shop.orders.note: type`. */
  id: string;
  sql: string;
  /** What a finding's object (or table) must contain. */
  names: string;
  /** How apply ends: repaired (the default), or refused up front. */
  refused?: true;
  /** Hazards apply must be allowed to take. */
  allowHazards?: string[];
}

interface Column {
  table: string;
  name: string;
  notNull?: true;
  /** Has a default (DROP DEFAULT is a mutation); without one, this literal is set as the mutated default. */
  default?: true;
  setDefault?: string;
  /** A type it can take and come back from (no view, rule or generated column reads it). */
  typeTo?: string;
  /** Rows have NULL here (SET NOT NULL would fail). */
  hasNulls?: true;
  /** Nothing depends on it (no index, constraint, view, policy, generated column): it can be dropped. */
  droppable?: true;
  /** A varlena type: STORAGE and COMPRESSION apply. */
  toastable?: true;
  comment?: true;
  /** Part of a primary key or an identity: NOT NULL stays. */
  key?: true;
  /** A NOT NULL column without a default: adding it back to rows needs a policy (apply refuses). */
  refusedWhenDropped?: true;
}

const C = (table: string, name: string, p: Omit<Column, 'table' | 'name'> = {}): Column => ({ table, name, ...p });

const COLUMNS: Column[] = [
  C('shop.customers', 'id', { notNull: true, key: true }),
  C('shop.customers', 'email', { notNull: true, toastable: true }),
  C('shop.customers', 'name', { notNull: true, toastable: true }),
  C('shop.customers', 'nickname', { hasNulls: true, toastable: true, setDefault: "'x'" }),
  C('shop.customers', 'address', { hasNulls: true, droppable: true, toastable: true }),
  C('shop.customers', 'vip', { notNull: true, default: true, comment: true }),
  C('shop.customers', 'created_at', { notNull: true, default: true, typeTo: 'timestamp without time zone', droppable: true }),
  C('shop.products', 'id', { notNull: true, key: true }),
  C('shop.products', 'sku', { notNull: true, toastable: true, setDefault: "'?'" }),
  C('shop.products', 'title', { notNull: true, toastable: true }),
  C('shop.products', 'body', { hasNulls: true, droppable: true, toastable: true, typeTo: 'varchar(1000)', setDefault: "''" }),
  C('shop.products', 'price', { droppable: true, setDefault: '1' }),
  C('shop.products', 'band', { hasNulls: true, droppable: true }),
  C('shop.products', 'weight_g', { setDefault: '1', typeTo: 'bigint' }),
  C('shop.products', 'tags', { notNull: true, default: true, toastable: true }),
  C('shop.products', 'search', {}),
  C('shop.orders', 'id', { notNull: true, key: true, default: true }),
  C('shop.orders', 'customer_id', { notNull: true }),
  C('shop.orders', 'state', { notNull: true, default: true }),
  // In the replica identity index: NOT NULL stays.
  C('shop.orders', 'invoice_no', { notNull: true, key: true, default: true }),
  C('shop.orders', 'total', { notNull: true, default: true }),
  C('shop.orders', 'placed_at', { notNull: true, default: true }),
  C('shop.orders', 'shipped_at', { hasNulls: true, setDefault: 'now()' }),
  C('shop.orders', 'note', { hasNulls: true, typeTo: 'varchar(300)', toastable: true, setDefault: "''" }),
  C('shop.order_lines', 'order_id', { notNull: true, key: true }),
  C('shop.order_lines', 'line_no', { notNull: true, key: true, setDefault: '1', typeTo: 'integer' }),
  C('shop.order_lines', 'product_id', { notNull: true, setDefault: '1' }),
  C('shop.order_lines', 'quantity', { notNull: true, setDefault: '1' }),
  // Dropped, it cannot come back without a policy for its NOT NULL values: refused.
  C('shop.order_lines', 'unit_price', { notNull: true, typeTo: 'numeric(14,2)', droppable: true, refusedWhenDropped: true }),
  C('shop.bookings', 'id', { notNull: true, key: true }),
  C('shop.bookings', 'room', { notNull: true, setDefault: '100', typeTo: 'bigint' }),
  C('shop.bookings', 'during', { notNull: true }),
  C('shop.audit', 'id', { notNull: true, key: true }),
  C('shop.audit', 'at', { notNull: true, default: true, droppable: true }),
  C('shop.audit', 'what', { notNull: true, toastable: true, typeTo: 'varchar(500)' }),
];

const TABLES = ['shop.customers', 'shop.products', 'shop.orders', 'shop.order_lines', 'shop.bookings', 'shop.audit'];
/** Tables with a comment in the base (the mutation removes it; the others get one). */
const COMMENTED = new Set(['shop.customers']);
const RELOPTIONS: Record<string, string> = { 'shop.products': 'fillfactor', 'shop.audit': 'autovacuum_vacuum_scale_factor' };

function columnMutations(c: Column): Mutation[] {
  const at = `${c.table}.${c.name}`;
  const alter = `ALTER TABLE ${c.table} ALTER COLUMN ${c.name}`;
  const m = (what: string, sql: string, extra: Partial<Mutation> = {}): Mutation => ({ id: `column ${at}: ${what}`, sql, names: at, ...extra });
  const out: Mutation[] = [m('comment', c.comment ? `COMMENT ON COLUMN ${at} IS NULL` : `COMMENT ON COLUMN ${at} IS 'mutated'`)];
  // A statistics target on every other column is enough to show it is compared.
  if (COLUMNS.indexOf(c) % 2 === 0 || c.name === 'sku') out.push(m('statistics', `${alter} SET STATISTICS ${c.name === 'sku' ? 100 : 321}`));
  if (!c.key && c.name !== 'search') {
    if (c.notNull) out.push(m('drop not null', `${alter} DROP NOT NULL`));
    else if (!c.hasNulls) out.push(m('set not null', `${alter} SET NOT NULL`));
  }
  if (c.default) out.push(m('drop default', `${alter} DROP DEFAULT`));
  else if (c.setDefault) out.push(m('set default', `${alter} SET DEFAULT ${c.setDefault}`));
  if (c.typeTo) out.push(m('type', `${alter} TYPE ${c.typeTo}`));
  if (c.droppable) out.push(m('dropped', `ALTER TABLE ${c.table} DROP COLUMN ${c.name}`, c.refusedWhenDropped ? { refused: true } : {}));
  if (c.toastable) {
    out.push(m('storage', `${alter} SET STORAGE ${c.table === 'shop.products' && c.name === 'body' ? 'EXTENDED' : 'MAIN'}`));
    out.push(m('compression', `${alter} SET COMPRESSION pglz`));
  }
  return out;
}

function tableMutations(t: string): Mutation[] {
  const m = (what: string, sql: string, extra: Partial<Mutation> = {}): Mutation => ({ id: `table ${t}: ${what}`, sql, names: t, ...extra });
  const opt = RELOPTIONS[t];
  return [
    m('comment', COMMENTED.has(t) ? `COMMENT ON TABLE ${t} IS NULL` : `COMMENT ON TABLE ${t} IS 'mutated'`),
    m('column added', `ALTER TABLE ${t} ADD COLUMN mutated_extra integer`, { names: `${t}.mutated_extra` }),
    opt ? m('storage parameter reset', `ALTER TABLE ${t} RESET (${opt})`) : m('storage parameter', `ALTER TABLE ${t} SET (fillfactor = 70)`),
    m('autovacuum parameter', `ALTER TABLE ${t} SET (autovacuum_enabled = false)`),
    m('replica identity', `ALTER TABLE ${t} REPLICA IDENTITY ${t === 'shop.orders' ? 'DEFAULT' : 'FULL'}`),
    m('row level security', `ALTER TABLE ${t} ${t === 'shop.orders' ? 'DISABLE' : 'ENABLE'} ROW LEVEL SECURITY`),
    m('forced row level security', `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`),
    m('owner', `ALTER TABLE ${t} OWNER TO mut_writer`),
    m('grant added', `GRANT DELETE ON ${t} TO mut_writer`),
  ];
}

/** Constraints: [table, name, how to re-add it differently (one property changed)]. */
const CONSTRAINTS: [string, string, string | undefined][] = [
  ['shop.customers', 'customers_email_key', 'UNIQUE (email) DEFERRABLE'],
  ['shop.products', 'products_sku_key', 'UNIQUE NULLS NOT DISTINCT (sku)'],
  ['shop.products', 'products_weight_g_check', 'CHECK (weight_g >= 0)'],
  ['shop.orders', 'orders_customer_id_fkey', 'FOREIGN KEY (customer_id) REFERENCES shop.customers (id) ON DELETE CASCADE'],
  ['shop.orders', 'orders_shipped_after_placed', 'CHECK (shipped_at IS NULL OR shipped_at > placed_at)'],
  ['shop.order_lines', 'order_lines_order_id_fkey', 'FOREIGN KEY (order_id) REFERENCES shop.orders (id) ON DELETE NO ACTION'],
  ['shop.order_lines', 'order_lines_product_id_fkey', 'FOREIGN KEY (product_id) REFERENCES shop.products (id) DEFERRABLE INITIALLY DEFERRED'],
  ['shop.order_lines', 'order_lines_quantity_check', 'CHECK (quantity >= 1) NOT VALID'],
  ['shop.order_lines', 'order_lines_pkey', 'PRIMARY KEY (order_id, line_no) DEFERRABLE'],
  ['shop.bookings', 'bookings_pkey', 'PRIMARY KEY (id) WITH (fillfactor = 80)'],
  ['shop.bookings', 'bookings_no_overlap', 'EXCLUDE USING gist (room WITH =, during WITH -|-)'],
];

function constraintMutations([t, name, changed]: (typeof CONSTRAINTS)[number]): Mutation[] {
  const obj = `${t}.${name}`;
  const out: Mutation[] = [
    { id: `constraint ${obj}: dropped`, sql: `ALTER TABLE ${t} DROP CONSTRAINT ${name}`, names: obj },
    { id: `constraint ${obj}: comment`, sql: `COMMENT ON CONSTRAINT ${name} ON ${t} IS 'mutated'`, names: obj },
  ];
  if (changed) out.push({ id: `constraint ${obj}: changed`, sql: `ALTER TABLE ${t} DROP CONSTRAINT ${name}; ALTER TABLE ${t} ADD CONSTRAINT ${name} ${changed}`, names: obj });
  return out;
}

/** Indexes: [table, name, a different definition, the storage parameter its method takes]. */
const INDEXES: [string, string, string, string][] = [
  ['shop.products', 'products_title_idx', '(upper(title))', 'fillfactor = 60'],
  ['shop.products', 'products_tags_idx', 'USING gin (tags array_ops) WITH (fastupdate = off)', 'fastupdate = off'],
  ['shop.products', 'products_search_idx', 'USING gist (search)', 'gin_pending_list_limit = 128'],
  ['shop.products', 'products_heavy_idx', '(weight_g) WHERE weight_g > 5000', 'fillfactor = 60'],
  ['shop.orders', 'orders_customer_idx', '(customer_id, placed_at)', 'deduplicate_items = off'],
  ['shop.order_lines', 'order_lines_product_idx', 'USING hash (product_id)', 'fillfactor = 60'],
];

function indexMutations([t, name, changed, param]: (typeof INDEXES)[number]): Mutation[] {
  const idx = `${t.slice(0, t.indexOf('.'))}.${name}`;
  const obj = `${t}.${name}`;
  return [
    { id: `index ${obj}: dropped`, sql: `DROP INDEX ${idx}`, names: obj },
    { id: `index ${obj}: changed`, sql: `DROP INDEX ${idx}; CREATE INDEX ${name} ON ${t} ${changed}`, names: obj },
    { id: `index ${obj}: comment`, sql: `COMMENT ON INDEX ${idx} IS ${name === 'products_title_idx' ? 'NULL' : "'mutated'"}`, names: obj },
    { id: `index ${obj}: storage parameter`, sql: `ALTER INDEX ${idx} SET (${param})`, names: obj },
  ];
}

/** Everything else, one by one. */
const OTHERS: Mutation[] = [
  // Views and materialized views.
  {
    id: 'view shop.open_orders: definition',
    sql: `CREATE OR REPLACE VIEW shop.open_orders AS SELECT o.id, o.customer_id, o.total FROM shop.orders o WHERE o.state = 'new'`,
    names: 'shop.open_orders',
  },
  {
    id: 'view shop.open_orders: column added',
    sql: `CREATE OR REPLACE VIEW shop.open_orders AS SELECT o.id, o.customer_id, o.total, o.state FROM shop.orders o WHERE o.state IN ('new', 'paid')`,
    names: 'shop.open_orders',
  },
  { id: 'view shop.open_orders: comment', sql: `COMMENT ON VIEW shop.open_orders IS NULL`, names: 'shop.open_orders' },
  { id: 'view shop.open_orders: check option', sql: `ALTER VIEW shop.open_orders SET (check_option = local)`, names: 'shop.open_orders' },
  { id: 'view shop.open_orders: dropped', sql: `DROP VIEW shop.open_orders`, names: 'shop.open_orders' },
  { id: 'view shop.vip_customers: security_barrier', sql: `ALTER VIEW shop.vip_customers RESET (security_barrier)`, names: 'shop.vip_customers' },
  { id: 'view shop.vip_customers: security_invoker', sql: `ALTER VIEW shop.vip_customers SET (security_invoker = true)`, names: 'shop.vip_customers' },
  { id: 'view shop.vip_customers: owner', sql: `ALTER VIEW shop.vip_customers OWNER TO mut_writer`, names: 'shop.vip_customers' },
  { id: 'view shop.vip_customers: column comment', sql: `COMMENT ON COLUMN shop.vip_customers.name IS 'mutated'`, names: 'shop.vip_customers' },
  { id: 'view shop.ghost: added', sql: `CREATE VIEW shop.ghost AS SELECT 1 AS one`, names: 'shop.ghost' },
  { id: 'materialized view shop.product_sales: dropped', sql: `DROP MATERIALIZED VIEW shop.product_sales`, names: 'shop.product_sales' },
  {
    id: 'materialized view shop.product_sales: definition',
    sql: `DROP MATERIALIZED VIEW shop.product_sales; CREATE MATERIALIZED VIEW shop.product_sales AS SELECT l.product_id, sum(l.quantity) AS sold, count(*) AS lines FROM shop.order_lines l GROUP BY l.product_id; CREATE UNIQUE INDEX product_sales_product_idx ON shop.product_sales (product_id)`,
    names: 'shop.product_sales',
  },
  { id: 'materialized view shop.product_sales: index dropped', sql: `DROP INDEX shop.product_sales_product_idx`, names: 'shop.product_sales' },
  { id: 'materialized view shop.product_sales: comment', sql: `COMMENT ON MATERIALIZED VIEW shop.product_sales IS 'mutated'`, names: 'shop.product_sales' },
  // Functions and procedures.
  {
    id: 'function shop.order_total: body',
    sql: `CREATE OR REPLACE FUNCTION shop.order_total(p_order bigint) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(quantity * unit_price), 0) + 0 FROM shop.order_lines WHERE order_id = p_order $$`,
    names: 'shop.order_total',
  },
  { id: 'function shop.order_total: volatility', sql: `ALTER FUNCTION shop.order_total(bigint) VOLATILE`, names: 'shop.order_total' },
  { id: 'function shop.order_total: strict', sql: `ALTER FUNCTION shop.order_total(bigint) STRICT`, names: 'shop.order_total' },
  { id: 'function shop.order_total: cost', sql: `ALTER FUNCTION shop.order_total(bigint) COST 500`, names: 'shop.order_total' },
  { id: 'function shop.order_total: comment', sql: `COMMENT ON FUNCTION shop.order_total(bigint) IS NULL`, names: 'shop.order_total' },
  {
    id: 'function shop.order_total: parameter renamed',
    sql: `DROP FUNCTION shop.order_total(bigint); CREATE FUNCTION shop.order_total(o bigint) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(quantity * unit_price), 0) FROM shop.order_lines WHERE order_id = o $$; COMMENT ON FUNCTION shop.order_total(bigint) IS 'Sum of the lines'`,
    names: 'shop.order_total',
  },
  { id: 'function shop.order_total: owner', sql: `ALTER FUNCTION shop.order_total(bigint) OWNER TO mut_writer`, names: 'shop.order_total' },
  { id: 'function shop.touch_audit: security invoker', sql: `ALTER FUNCTION shop.touch_audit() SECURITY INVOKER`, names: 'shop.touch_audit' },
  { id: 'function shop.touch_audit: search_path', sql: `ALTER FUNCTION shop.touch_audit() RESET search_path`, names: 'shop.touch_audit' },
  { id: 'function shop.touch_audit: setting added', sql: `ALTER FUNCTION shop.touch_audit() SET work_mem = '8MB'`, names: 'shop.touch_audit' },
  { id: 'function shop.slugify: parallel', sql: `ALTER FUNCTION shop.slugify(text) PARALLEL UNSAFE`, names: 'shop.slugify' },
  { id: 'function shop.slugify: immutable', sql: `ALTER FUNCTION shop.slugify(text) STABLE`, names: 'shop.slugify' },
  { id: 'function shop.slugify: dropped', sql: `DROP FUNCTION shop.slugify(text)`, names: 'shop.slugify' },
  { id: 'function shop.slugify: execute to PUBLIC', sql: `GRANT EXECUTE ON FUNCTION shop.slugify(text) TO PUBLIC`, names: 'shop.slugify' },
  { id: 'function shop.slugify: execute revoked', sql: `REVOKE EXECUTE ON FUNCTION shop.slugify(text) FROM mut_reader`, names: 'shop.slugify' },
  { id: 'function shop.ghost: added', sql: `CREATE FUNCTION shop.ghost() RETURNS int LANGUAGE sql AS 'SELECT 1'`, names: 'shop.ghost' },
  {
    id: 'procedure shop.cancel_order: body',
    sql: `CREATE OR REPLACE PROCEDURE shop.cancel_order(p_order bigint) LANGUAGE sql AS $$ UPDATE shop.orders SET state = 'cancelled' WHERE id = p_order AND state <> 'shipped' $$`,
    names: 'shop.cancel_order',
  },
  { id: 'procedure shop.cancel_order: dropped', sql: `DROP PROCEDURE shop.cancel_order(bigint)`, names: 'shop.cancel_order' },
  // Triggers and rules.
  { id: 'trigger shop.orders.orders_audit: disabled', sql: `ALTER TABLE shop.orders DISABLE TRIGGER orders_audit`, names: 'orders_audit' },
  { id: 'trigger shop.orders.orders_audit: dropped', sql: `DROP TRIGGER orders_audit ON shop.orders`, names: 'orders_audit' },
  {
    id: 'trigger shop.orders.orders_audit: events',
    sql: `DROP TRIGGER orders_audit ON shop.orders; CREATE TRIGGER orders_audit AFTER INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch_audit()`,
    names: 'orders_audit',
  },
  { id: 'trigger shop.order_lines.order_lines_audit: comment', sql: `COMMENT ON TRIGGER order_lines_audit ON shop.order_lines IS 'mutated'`, names: 'order_lines_audit' },
  { id: 'trigger shop.order_lines.order_lines_audit: replica', sql: `ALTER TABLE shop.order_lines ENABLE REPLICA TRIGGER order_lines_audit`, names: 'order_lines_audit' },
  {
    id: 'trigger shop.customers.customers_audit: not deferred',
    sql: `DROP TRIGGER customers_audit ON shop.customers; CREATE CONSTRAINT TRIGGER customers_audit AFTER UPDATE ON shop.customers FOR EACH ROW EXECUTE FUNCTION shop.touch_audit()`,
    names: 'customers_audit',
  },
  { id: 'trigger shop.customers.customers_audit: dropped', sql: `DROP TRIGGER customers_audit ON shop.customers`, names: 'customers_audit' },
  { id: 'trigger shop.products.ghost: added', sql: `CREATE TRIGGER ghost AFTER INSERT ON shop.products FOR EACH ROW EXECUTE FUNCTION shop.touch_audit()`, names: 'ghost' },
  { id: 'rule shop.audit.audit_no_delete: dropped', sql: `DROP RULE audit_no_delete ON shop.audit`, names: 'audit_no_delete' },
  { id: 'rule shop.audit.audit_no_delete: changed', sql: `CREATE OR REPLACE RULE audit_no_delete AS ON DELETE TO shop.audit WHERE old.what <> '' DO INSTEAD NOTHING`, names: 'audit_no_delete' },
  { id: 'rule shop.audit.audit_no_update: added', sql: `CREATE RULE audit_no_update AS ON UPDATE TO shop.audit DO INSTEAD NOTHING`, names: 'audit_no_update' },
  // Policies.
  { id: 'policy shop.orders.orders_own: dropped', sql: `DROP POLICY orders_own ON shop.orders`, names: 'orders_own' },
  { id: 'policy shop.orders.orders_own: using', sql: `ALTER POLICY orders_own ON shop.orders USING (customer_id > 1)`, names: 'orders_own' },
  { id: 'policy shop.orders.orders_own: roles', sql: `ALTER POLICY orders_own ON shop.orders TO mut_reader, mut_writer`, names: 'orders_own' },
  { id: 'policy shop.orders.orders_write: with check', sql: `ALTER POLICY orders_write ON shop.orders WITH CHECK (total > 0)`, names: 'orders_write' },
  { id: 'policy shop.orders.ghost: added', sql: `CREATE POLICY ghost ON shop.orders FOR DELETE USING (false)`, names: 'ghost' },
  // Types.
  { id: 'enum shop.order_state: value added', sql: `ALTER TYPE shop.order_state ADD VALUE 'refunded'`, names: 'shop.order_state' },
  { id: 'enum shop.order_state: value renamed', sql: `ALTER TYPE shop.order_state RENAME VALUE 'cancelled' TO 'canceled'`, names: 'shop.order_state' },
  { id: 'enum shop.order_state: comment', sql: `COMMENT ON TYPE shop.order_state IS NULL`, names: 'shop.order_state' },
  { id: 'enum shop.ghost: added', sql: `CREATE TYPE shop.ghost AS ENUM ('a')`, names: 'shop.ghost' },
  { id: 'domain shop.price: default', sql: `ALTER DOMAIN shop.price DROP DEFAULT`, names: 'shop.price' },
  { id: 'domain shop.price: not null', sql: `ALTER DOMAIN shop.price DROP NOT NULL`, names: 'shop.price' },
  { id: 'domain shop.price: check dropped', sql: `ALTER DOMAIN shop.price DROP CONSTRAINT price_check`, names: 'shop.price' },
  { id: 'domain shop.email: check added', sql: `ALTER DOMAIN shop.email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200)`, names: 'shop.email' },
  { id: 'domain shop.email: comment', sql: `COMMENT ON DOMAIN shop.email IS 'mutated'`, names: 'shop.email' },
  { id: 'domain shop.email: check comment', sql: `COMMENT ON CONSTRAINT email_check ON DOMAIN shop.email IS 'mutated'`, names: 'shop.email' },
  // Dropping the attribute again would drop what rows store in it: DELETES_DATA, refused unless allowed.
  { id: 'composite shop.address: attribute added', sql: `ALTER TYPE shop.address ADD ATTRIBUTE country text`, names: 'shop.address', refused: true },
  { id: 'composite shop.address: attribute dropped', sql: `ALTER TYPE shop.address DROP ATTRIBUTE zip CASCADE`, names: 'shop.address' },
  { id: 'composite shop.address: comment', sql: `COMMENT ON TYPE shop.address IS 'mutated'`, names: 'shop.address' },
  { id: 'composite shop.ghost: added', sql: `CREATE TYPE shop.ghost AS (a int)`, names: 'shop.ghost' },
  { id: 'range shop.price_range: comment', sql: `COMMENT ON TYPE shop.price_range IS 'mutated'`, names: 'shop.price_range' },
  { id: 'range shop.ghost_range: added', sql: `CREATE TYPE shop.ghost_range AS RANGE (subtype = int4)`, names: 'shop.ghost_range' },
  { id: 'collation shop.nocase: comment', sql: `COMMENT ON COLLATION shop.nocase IS 'mutated'`, names: 'shop.nocase' },
  { id: 'collation shop.ghost: added', sql: `CREATE COLLATION shop.ghost (provider = icu, locale = 'de')`, names: 'shop.ghost' },
  // Sequences.
  { id: 'sequence shop.invoice_no: increment', sql: `ALTER SEQUENCE shop.invoice_no INCREMENT 1`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: cache', sql: `ALTER SEQUENCE shop.invoice_no CACHE 20`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: cycle', sql: `ALTER SEQUENCE shop.invoice_no CYCLE`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: max', sql: `ALTER SEQUENCE shop.invoice_no MAXVALUE 99999999`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: comment', sql: `COMMENT ON SEQUENCE shop.invoice_no IS NULL`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: owner', sql: `ALTER SEQUENCE shop.invoice_no OWNER TO mut_writer`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: usage revoked', sql: `REVOKE USAGE ON SEQUENCE shop.invoice_no FROM mut_writer`, names: 'shop.invoice_no' },
  { id: 'sequence shop.invoice_no: owned by', sql: `ALTER SEQUENCE shop.invoice_no OWNED BY shop.orders.invoice_no`, names: 'shop.invoice_no' },
  { id: 'sequence shop.ghost_seq: added', sql: `CREATE SEQUENCE shop.ghost_seq`, names: 'shop.ghost_seq' },
  { id: 'identity shop.customers.id: increment', sql: `ALTER TABLE shop.customers ALTER COLUMN id SET INCREMENT BY 5`, names: 'shop.customers.id' },
  { id: 'identity shop.products.id: always', sql: `ALTER TABLE shop.products ALTER COLUMN id SET GENERATED ALWAYS`, names: 'shop.products.id' },
  { id: 'identity shop.audit.id: dropped', sql: `ALTER TABLE shop.audit ALTER COLUMN id DROP IDENTITY`, names: 'shop.audit.id' },
  // Schemas, extensions.
  { id: 'schema shop: comment', sql: `COMMENT ON SCHEMA shop IS 'mutated'`, names: 'shop' },
  { id: 'schema shop: owner', sql: `ALTER SCHEMA shop OWNER TO mut_writer`, names: 'shop' },
  { id: 'schema shop: usage revoked', sql: `REVOKE USAGE ON SCHEMA shop FROM mut_reader`, names: 'shop' },
  { id: 'schema shop: create granted', sql: `GRANT CREATE ON SCHEMA shop TO mut_writer`, names: 'shop' },
  { id: 'schema ghost: added', sql: `CREATE SCHEMA ghost`, names: 'ghost' },
  { id: 'extension pg_trgm: added', sql: `CREATE EXTENSION pg_trgm`, names: 'pg_trgm' },
  // Privileges.
  { id: 'grant shop.customers: select revoked', sql: `REVOKE SELECT ON shop.customers FROM mut_reader`, names: 'shop.customers' },
  { id: 'grant shop.orders: update revoked', sql: `REVOKE UPDATE ON shop.orders FROM mut_writer`, names: 'shop.orders' },
  { id: 'grant shop.orders.note: column grant revoked', sql: `REVOKE UPDATE (note) ON shop.orders FROM mut_reader`, names: 'shop.orders' },
  { id: 'grant shop.orders.total: column grant added', sql: `GRANT UPDATE (total) ON shop.orders TO mut_reader`, names: 'shop.orders' },
  { id: 'grant shop.products: with grant option', sql: `GRANT SELECT ON shop.products TO mut_reader WITH GRANT OPTION`, names: 'shop.products' },
  { id: 'grant shop.open_orders: select revoked', sql: `REVOKE SELECT ON shop.open_orders FROM mut_reader`, names: 'shop.open_orders' },
  { id: 'grant shop.open_orders: select to PUBLIC', sql: `GRANT SELECT ON shop.open_orders TO PUBLIC`, names: 'shop.open_orders' },
  { id: 'grant shop.order_state: usage revoked from PUBLIC', sql: `REVOKE USAGE ON TYPE shop.order_state FROM PUBLIC`, names: 'shop.order_state' },
  { id: 'grant shop.price: usage revoked from PUBLIC', sql: `REVOKE USAGE ON DOMAIN shop.price FROM PUBLIC`, names: 'shop.price' },
  { id: 'default privileges shop tables: revoked', sql: `ALTER DEFAULT PRIVILEGES IN SCHEMA shop REVOKE SELECT ON TABLES FROM mut_reader`, names: 'shop' },
  { id: 'default privileges shop functions: added', sql: `ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT EXECUTE ON FUNCTIONS TO mut_writer`, names: 'shop' },
  { id: 'default privileges global sequences: added', sql: `ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO mut_writer`, names: 'mut_writer' },
  { id: 'table shop.ghost: added', sql: `CREATE TABLE shop.ghost (id int PRIMARY KEY, v text); INSERT INTO shop.ghost VALUES (1, 'kept')`, names: 'shop.ghost' },
  { id: 'table shop.bookings: dropped', sql: `DROP TABLE shop.bookings`, names: 'shop.bookings' },
];

export function mutations(): Mutation[] {
  const all = [...COLUMNS.flatMap(columnMutations), ...TABLES.flatMap(tableMutations), ...CONSTRAINTS.flatMap(constraintMutations), ...INDEXES.flatMap(indexMutations), ...OTHERS];
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.id)) throw new Error(`two mutations are called ${m.id}`);
    seen.add(m.id);
  }
  return all;
}
