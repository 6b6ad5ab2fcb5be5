CREATE TABLE "notification_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"appeal_id" bigint,
	"recipients" jsonb NOT NULL,
	"except_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" bigint,
	"actor_role" text NOT NULL,
	"actor_name" text NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_registration" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"party_member_id" bigint NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"work_unit" text NOT NULL,
	"post" text,
	"skills" text,
	"submitted_by_user_id" bigint NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" bigint,
	"transferred_to_id" bigint,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "party_registration" ADD CONSTRAINT "party_registration_party_member_id_party_member_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_registration" ADD CONSTRAINT "party_registration_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workflow_event_entity_idx" ON "workflow_event" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "party_registration_community_idx" ON "party_registration" USING btree ("community_code","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "party_registration_member_idx" ON "party_registration" USING btree ("party_member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_registration_live_uidx" ON "party_registration" USING btree ("party_member_id","community_code") WHERE "party_registration"."status" IN ('submitted', 'confirmed');--> statement-breakpoint
-- Intake writes notification intents to the outbox instead of resolving the grid's staff itself: the
-- recipient rules now live once, in TypeScript (notifications/recipients.ts), applied after the commit.
-- The audit row's actor columns and the outbox rows arrive built by the core (core/commit.ts), so this
-- function only inserts them with the new appeal's id.
CREATE OR REPLACE FUNCTION appeal_submit(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  ap jsonb := p->'appeal';
  ev jsonb := p->'event';
  dl jsonb := p->'deadline';
  au jsonb := p->'audit';
  a appeal;
  e appeal_event;
BEGIN
  INSERT INTO appeal (number, status, channel, category_code, title, description, grid_code, community_code, street_code,
    county_code, building_id, household_id, address, lat, lng, is_urgent, importance, urgency, color, submitter_user_id,
    submitter_role, resident_id, contact_name, contact_phone_enc, people, photo_ids, response_due_at, created_at, updated_at)
  VALUES ((ap->>'numberPrefix') || (SELECT CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END FROM nextval('appeal_number_seq') n), ap->>'status', ap->>'channel',
    ap->>'categoryCode', ap->>'title', ap->>'description', ap->>'gridCode', ap->>'communityCode', ap->>'streetCode',
    ap->>'countyCode', (ap->>'buildingId')::bigint, (ap->>'householdId')::bigint, ap->>'address', (ap->>'lat')::float8,
    (ap->>'lng')::float8, (ap->>'isUrgent')::boolean, ap->>'importance', ap->>'urgency', ap->>'color',
    (ap->>'submitterUserId')::bigint, ap->>'submitterRole', (ap->>'residentId')::bigint, ap->>'contactName',
    ap->>'contactPhoneEnc', coalesce(ap->'people', '[]'::jsonb), coalesce(ap->'photoIds', '[]'::jsonb),
    (ap->>'responseDueAt')::timestamptz, (ap->>'createdAt')::timestamptz, (ap->>'createdAt')::timestamptz)
  RETURNING * INTO a;

  INSERT INTO appeal_event (appeal_id, action, from_status, to_status, actor_user_id, actor_role, actor_name, fields, comment, created_at)
  VALUES (a.id, 'submit', NULL, a.status, (ev->>'actorUserId')::bigint, ev->>'actorRole', ev->>'actorName',
    coalesce(ev->'fields', '{}'::jsonb), NULL, a.created_at)
  RETURNING * INTO e;

  INSERT INTO appeal_file (appeal_id, file_id)
  SELECT a.id, f::uuid FROM jsonb_array_elements_text(coalesce(ap->'photoIds', '[]'::jsonb)) f;

  INSERT INTO appeal_deadline (appeal_id, step, limit_amount, limit_unit, started_at, due_at, warn_at, red_at)
  VALUES (a.id, 'response', (dl->>'limitAmount')::float8, dl->>'limitUnit', a.created_at, (dl->>'dueAt')::timestamptz,
    (dl->>'warnAt')::timestamptz, (dl->>'redAt')::timestamptz);

  INSERT INTO audit_log (at, actor_user_id, actor_role, actor_name, action, entity_type, entity_id, ip, after)
  VALUES ((au->>'at')::timestamptz, (au->>'actorUserId')::bigint, au->>'actorRole', au->>'actorName', au->>'action', au->>'entityType',
    a.id::text, au->>'ip', jsonb_build_object('number', a.number, 'status', a.status, 'gridCode', a.grid_code, 'categoryCode', a.category_code, 'color', a.color));

  INSERT INTO notification_outbox (kind, title, body, appeal_id, recipients, except_user_ids, created_at)
  SELECT o->>'kind', replace(o->>'title', '{number}', a.number), o->>'body', a.id, o->'recipients', o->'exceptUserIds', (o->>'createdAt')::timestamptz
  FROM jsonb_array_elements(coalesce(p->'outbox', '[]'::jsonb)) o;

  RETURN jsonb_build_object('a', to_jsonb(a), 'e', to_jsonb(e));
END;
$$;
