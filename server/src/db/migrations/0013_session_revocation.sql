-- Revocation feed for the per-instance session cache (server/src/core/session-cache.ts): every write to what a
-- session's caller is made of NOTIFYs yiwang_auth after commit, and every instance forgets the callers concerned.
--   u:<user id>  a session of the account ended or was touched, the account changed, its team memberships changed
--   leaders      the households or groups behind 联户长 accounts changed (their buildings)
CREATE OR REPLACE FUNCTION auth_revoke_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'user_account' THEN
    PERFORM pg_notify('yiwang_auth', 'u:' || coalesce(NEW.id, OLD.id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('yiwang_auth', 'u:' || OLD.user_id);
  ELSE
    PERFORM pg_notify('yiwang_auth', 'u:' || NEW.user_id);
    IF TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN
      PERFORM pg_notify('yiwang_auth', 'u:' || OLD.user_id);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_revoke_leaders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('yiwang_auth', 'leaders');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER session_revoke AFTER UPDATE OR DELETE ON session FOR EACH ROW EXECUTE FUNCTION auth_revoke_user();
--> statement-breakpoint
CREATE TRIGGER user_account_revoke AFTER UPDATE OR DELETE ON user_account FOR EACH ROW EXECUTE FUNCTION auth_revoke_user();
--> statement-breakpoint
CREATE TRIGGER team_member_revoke AFTER INSERT OR UPDATE OR DELETE ON team_member FOR EACH ROW EXECUTE FUNCTION auth_revoke_user();
--> statement-breakpoint
CREATE TRIGGER household_revoke_leaders AFTER INSERT OR UPDATE OF group_id, building_id OR DELETE ON household
  FOR EACH STATEMENT EXECUTE FUNCTION auth_revoke_leaders();
--> statement-breakpoint
CREATE TRIGGER household_group_revoke_leaders AFTER INSERT OR UPDATE OR DELETE ON household_group
  FOR EACH STATEMENT EXECUTE FUNCTION auth_revoke_leaders();
