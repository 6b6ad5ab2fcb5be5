-- >>> HAND-WRITTEN SQL (issue 10, audit retention): the whole of this migration is hand-written.
-- Drizzle does not model partitioning, so schema/system.ts keeps audit_log's columns exactly as they were
-- and this file turns the table into one partitioned by month (RANGE on "at", months in Asia/Shanghai):
-- old months can then be archived whole (yiwang audit-archive: export, verify, DETACH, DROP) instead of
-- rows ever being deleted. Ids, columns, defaults and indexes stay; the primary key becomes (id, at)
-- because a partitioned table's keys must include the partition key (ids still come from one sequence).
-- A DEFAULT partition catches any row no month partition covers, so an insert never fails; the leader's
-- housekeeping job creates the month partitions ahead (audit_log_ensure_month). Every partition refuses
-- UPDATE and DELETE (the row trigger is cloned to each) and TRUNCATE (a statement trigger on each: the
-- parent's does not fire for a partition truncated by name). Runs on PostgreSQL 15 and PGlite alike.
ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
--> statement-breakpoint
ALTER INDEX audit_log_pkey RENAME TO audit_log_unpartitioned_pkey;
--> statement-breakpoint
ALTER INDEX audit_log_at_idx RENAME TO audit_log_unpartitioned_at_idx;
--> statement-breakpoint
ALTER INDEX audit_log_entity_idx RENAME TO audit_log_unpartitioned_entity_idx;
--> statement-breakpoint
ALTER INDEX audit_log_actor_idx RENAME TO audit_log_unpartitioned_actor_idx;
--> statement-breakpoint
-- the id sequence outlives the old table (dropping a table drops the sequences it owns)
ALTER SEQUENCE audit_log_id_seq OWNED BY NONE;
--> statement-breakpoint
CREATE TABLE audit_log (
	"id" bigint DEFAULT nextval('audit_log_id_seq'::regclass) NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" bigint,
	"actor_role" text,
	"actor_name" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"ip" text,
	"before" jsonb,
	"after" jsonb,
	"detail" jsonb,
	CONSTRAINT audit_log_pkey PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
--> statement-breakpoint
CREATE INDEX audit_log_at_idx ON audit_log USING btree ("at" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX audit_log_entity_idx ON audit_log USING btree ("entity_type", "entity_id");
--> statement-breakpoint
CREATE INDEX audit_log_actor_idx ON audit_log USING btree ("actor_user_id", "at" DESC NULLS LAST);
--> statement-breakpoint
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log_default
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- The partition of one Asia/Shanghai month, audit_log_YYYY_MM, created if missing (true when created).
-- Rows the default partition caught for that month (the job did not run ahead in time) are moved into
-- it, ids and all: the default is detached (which drops its cloned row trigger), the rows copied and
-- removed from it, and it is attached again, in the caller's transaction — a move, never an edit.
CREATE OR REPLACE FUNCTION audit_log_ensure_month(month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', month)::date;
  part text := 'audit_log_' || to_char(m, 'YYYY_MM');
  lo timestamptz := m::timestamp AT TIME ZONE 'Asia/Shanghai';
  hi timestamptz := (m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai';
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_log_default WHERE at >= lo AND at < hi) THEN
    ALTER TABLE audit_log DETACH PARTITION audit_log_default;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    EXECUTE format('INSERT INTO %I SELECT * FROM audit_log_default WHERE at >= %L AND at < %L', part, lo, hi);
    DELETE FROM audit_log_default WHERE at >= lo AND at < hi;
    ALTER TABLE audit_log ATTACH PARTITION audit_log_default DEFAULT;
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  END IF;
  EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()', part);
  RETURN true;
END;
$$;
--> statement-breakpoint
-- a partition for every month the existing rows cover, this month and the next three
SELECT audit_log_ensure_month(m) FROM (
  SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date AS m FROM audit_log_unpartitioned
  UNION
  SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + make_interval(months => g))::date FROM generate_series(0, 3) AS g
) AS months ORDER BY m;
--> statement-breakpoint
INSERT INTO audit_log ("id", "at", "actor_user_id", "actor_role", "actor_name", "action", "entity_type", "entity_id", "ip", "before", "after", "detail")
  SELECT "id", "at", "actor_user_id", "actor_role", "actor_name", "action", "entity_type", "entity_id", "ip", "before", "after", "detail" FROM audit_log_unpartitioned;
--> statement-breakpoint
DROP TABLE audit_log_unpartitioned;
-- <<< HAND-WRITTEN SQL
