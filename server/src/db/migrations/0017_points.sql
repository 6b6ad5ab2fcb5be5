CREATE TABLE "honour_board" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"month" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"red" jsonb NOT NULL,
	"black" jsonb NOT NULL,
	"black_list_months" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"computed_by_user_id" bigint,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_user_id" bigint,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_balance" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"earned" integer DEFAULT 0 NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"points" integer NOT NULL,
	"kind" text NOT NULL,
	"source_id" text,
	"reason" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" bigint
);
--> statement-breakpoint
CREATE TABLE "points_rule" (
	"county_code" varchar(6) NOT NULL,
	"kind" text NOT NULL,
	"points_per_unit" integer NOT NULL,
	"monthly_cap" integer,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_user_id" bigint,
	CONSTRAINT "points_rule_county_code_kind_pk" PRIMARY KEY("county_code","kind")
);
--> statement-breakpoint
CREATE TABLE "points_setting" (
	"county_code" varchar(6) PRIMARY KEY NOT NULL,
	"black_list_months" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_user_id" bigint
);
--> statement-breakpoint
ALTER TABLE "honour_board" ADD CONSTRAINT "honour_board_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_balance" ADD CONSTRAINT "points_balance_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "honour_board_community_idx" ON "honour_board" USING btree ("community_code","month" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "honour_board_live_uidx" ON "honour_board" USING btree ("community_code","month") WHERE "honour_board"."status" IN ('draft', 'published');--> statement-breakpoint
CREATE INDEX "points_entry_user_idx" ON "points_entry" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "points_entry_community_idx" ON "points_entry" USING btree ("community_code","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entry_source_uidx" ON "points_entry" USING btree ("kind","source_id","user_id") WHERE "points_entry"."kind" IN ('activity', 'wish', 'visit', 'appeal', 'project', 'reversal');--> statement-breakpoint
-- The points ledger is append-only, like the audit log: a mistake is put right by a reversal entry.
CREATE OR REPLACE FUNCTION points_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'points_entry is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_entry_no_update BEFORE UPDATE OR DELETE ON points_entry
  FOR EACH ROW EXECUTE FUNCTION points_entry_append_only();
--> statement-breakpoint
CREATE TRIGGER points_entry_no_truncate BEFORE TRUNCATE ON points_entry
  FOR EACH STATEMENT EXECUTE FUNCTION points_entry_append_only();
--> statement-breakpoint
ALTER TABLE points_entry ADD CONSTRAINT points_entry_kind_check
  CHECK (kind IN ('activity', 'wish', 'visit', 'appeal', 'project', 'manual', 'redemption', 'reversal'));
--> statement-breakpoint
-- a balance is never overdrawn, whatever writes it
ALTER TABLE points_balance ADD CONSTRAINT points_balance_not_negative CHECK (balance >= 0);
