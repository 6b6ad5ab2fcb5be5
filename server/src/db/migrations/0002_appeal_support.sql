-- Appeal numbers (ZN20261123-000123) come from a sequence: no counter row that every writer updates.
CREATE SEQUENCE IF NOT EXISTS appeal_number_seq;
--> statement-breakpoint
-- Substring search over Chinese titles and descriptions (GIN trigram indexes).
CREATE INDEX IF NOT EXISTS appeal_title_trgm_idx ON appeal USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS appeal_description_trgm_idx ON appeal USING gin (description gin_trgm_ops);
--> statement-breakpoint
-- The audit log is append-only: UPDATE and DELETE are refused by the database itself.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
