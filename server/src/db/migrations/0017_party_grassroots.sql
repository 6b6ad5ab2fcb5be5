CREATE TABLE "party_unit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"party_org_name" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_registration" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" bigint NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"resources" text[] DEFAULT '{}'::text[] NOT NULL,
	"year_plan" text,
	"submitted_by_user_id" bigint NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" bigint,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_batch" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register" text NOT NULL,
	"status" text NOT NULL,
	"created_by_user_id" bigint NOT NULL,
	"place_code" varchar(15),
	"file_name" text,
	"processed" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"valid" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"committed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_row" (
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"data" jsonb NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "import_row_import_id_row_no_pk" PRIMARY KEY("import_id","row_no")
);
--> statement-breakpoint
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
CREATE TABLE "household_pledge" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"party_member_id" bigint NOT NULL,
	"registration_id" bigint NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"household_id" bigint NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"building_id" bigint,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_user_id" bigint,
	"end_reason" text,
	"last_visited_on" date,
	"visit_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pledge_contact" (
	"party_member_id" bigint PRIMARY KEY NOT NULL,
	"phone_enc" text,
	"phone_public" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pledge_visit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pledge_id" bigint NOT NULL,
	"party_member_id" bigint NOT NULL,
	"household_id" bigint NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"visited_on" date NOT NULL,
	"situation" text NOT NULL,
	"finding" text NOT NULL,
	"note" text,
	"appeal_id" bigint,
	"recorded_by_user_id" bigint,
	"recorded_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"grid_code" varchar(15),
	"place_code" varchar(15) NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text NOT NULL,
	"source" text NOT NULL,
	"beneficiaries" text,
	"beneficiary_count" integer,
	"appeal_id" bigint,
	"project_id" bigint,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"raised_by_user_id" bigint,
	"raised_by_name" text NOT NULL,
	"raised_by_role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deadline" date,
	"claimant_kind" text,
	"claimant_id" text,
	"claimant_name" text,
	"claimed_at" timestamp with time zone,
	"owner" text,
	"started_at" timestamp with time zone,
	"summary" text,
	"completed_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_file" (
	"project_id" bigint NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_file_project_id_file_id_pk" PRIMARY KEY("project_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "project_need" (
	"project_id" bigint NOT NULL,
	"need_id" bigint NOT NULL,
	CONSTRAINT "project_need_project_id_need_id_pk" PRIMARY KEY("project_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "project_resource" (
	"project_id" bigint NOT NULL,
	"resource_id" bigint NOT NULL,
	CONSTRAINT "project_resource_project_id_resource_id_pk" PRIMARY KEY("project_id","resource_id")
);
--> statement-breakpoint
CREATE TABLE "resource" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"quantity" text,
	"owner_kind" text NOT NULL,
	"owner_id" text NOT NULL,
	"owner_name" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wish" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"grid_code" varchar(15),
	"place_code" varchar(15) NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text NOT NULL,
	"beneficiary_group" text NOT NULL,
	"resident_id" bigint,
	"beneficiary_name" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"claimant_party_member_id" bigint,
	"claimant_name" text,
	"claimed_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"fulfil_note" text,
	"rating" integer,
	"thanks" text,
	"closed_at" timestamp with time zone,
	"published_by_user_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wish_file" (
	"wish_id" bigint NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "wish_file_wish_id_file_id_pk" PRIMARY KEY("wish_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"team_id" bigint,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"venue" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"slots" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"check_in_code" varchar(8) NOT NULL,
	"created_by_user_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_signup" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"role" text NOT NULL,
	"party_member_id" bigint,
	"resident_id" bigint,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"signed_up_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"hours" double precision,
	"updated_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "phone_idx" text;--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "id_number_idx" text;--> statement-breakpoint
ALTER TABLE "team" ADD COLUMN "kind" text DEFAULT 'volunteer' NOT NULL;--> statement-breakpoint
ALTER TABLE "team" ADD COLUMN "leader_user_id" bigint;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "unit_id" bigint;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "party_org_name" text;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "phone_idx" text;--> statement-breakpoint
ALTER TABLE "party_unit" ADD CONSTRAINT "party_unit_county_code_region_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_registration" ADD CONSTRAINT "unit_registration_unit_id_party_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."party_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_registration" ADD CONSTRAINT "unit_registration_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_import_id_import_batch_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honour_board" ADD CONSTRAINT "honour_board_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_balance" ADD CONSTRAINT "points_balance_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_party_member_id_party_member_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_registration_id_party_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."party_registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_building_id_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."building"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_contact" ADD CONSTRAINT "pledge_contact_party_member_id_party_member_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_visit" ADD CONSTRAINT "pledge_visit_pledge_id_household_pledge_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."household_pledge"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need" ADD CONSTRAINT "need_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need" ADD CONSTRAINT "need_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need" ADD CONSTRAINT "need_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_file" ADD CONSTRAINT "project_file_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_file" ADD CONSTRAINT "project_file_file_id_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_need" ADD CONSTRAINT "project_need_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_need" ADD CONSTRAINT "project_need_need_id_need_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."need"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_resource" ADD CONSTRAINT "project_resource_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_resource" ADD CONSTRAINT "project_resource_resource_id_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resource"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource" ADD CONSTRAINT "resource_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_claimant_party_member_id_party_member_id_fk" FOREIGN KEY ("claimant_party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_file" ADD CONSTRAINT "wish_file_wish_id_wish_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wish"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_file" ADD CONSTRAINT "wish_file_file_id_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activity" ADD CONSTRAINT "volunteer_activity_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activity" ADD CONSTRAINT "volunteer_activity_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signup" ADD CONSTRAINT "volunteer_signup_activity_id_volunteer_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."volunteer_activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_unit_county_name_uidx" ON "party_unit" USING btree ("county_code","name");--> statement-breakpoint
CREATE INDEX "unit_registration_community_idx" ON "unit_registration" USING btree ("community_code","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "unit_registration_unit_idx" ON "unit_registration" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_registration_live_uidx" ON "unit_registration" USING btree ("unit_id","community_code") WHERE "unit_registration"."status" IN ('submitted', 'confirmed');--> statement-breakpoint
CREATE INDEX "import_batch_expires_idx" ON "import_batch" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "honour_board_community_idx" ON "honour_board" USING btree ("community_code","month" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "honour_board_live_uidx" ON "honour_board" USING btree ("community_code","month") WHERE "honour_board"."status" IN ('draft', 'published');--> statement-breakpoint
CREATE INDEX "points_entry_user_idx" ON "points_entry" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "points_entry_community_idx" ON "points_entry" USING btree ("community_code","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entry_source_uidx" ON "points_entry" USING btree ("kind","source_id","user_id") WHERE "points_entry"."kind" IN ('activity', 'wish', 'visit', 'appeal', 'project', 'reversal');--> statement-breakpoint
CREATE UNIQUE INDEX "household_pledge_active_uidx" ON "household_pledge" USING btree ("household_id") WHERE "household_pledge"."status" = 'active';--> statement-breakpoint
CREATE INDEX "household_pledge_member_idx" ON "household_pledge" USING btree ("party_member_id","status");--> statement-breakpoint
CREATE INDEX "household_pledge_grid_idx" ON "household_pledge" USING btree ("grid_code","status");--> statement-breakpoint
CREATE INDEX "household_pledge_building_idx" ON "household_pledge" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "pledge_visit_pledge_idx" ON "pledge_visit" USING btree ("pledge_id","visited_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pledge_visit_member_idx" ON "pledge_visit" USING btree ("party_member_id","visited_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pledge_visit_community_idx" ON "pledge_visit" USING btree ("community_code","visited_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "need_place_idx" ON "need" USING btree ("place_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "need_raised_by_idx" ON "need" USING btree ("raised_by_user_id");--> statement-breakpoint
CREATE INDEX "need_project_idx" ON "need" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "need_appeal_uidx" ON "need" USING btree ("appeal_id") WHERE "need"."appeal_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "project_community_idx" ON "project" USING btree ("community_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "project_claimant_idx" ON "project" USING btree ("claimant_kind","claimant_id");--> statement-breakpoint
CREATE INDEX "project_file_file_idx" ON "project_file" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "project_need_need_idx" ON "project_need" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "project_resource_resource_idx" ON "project_resource" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "resource_community_idx" ON "resource" USING btree ("community_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "resource_owner_idx" ON "resource" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "wish_place_idx" ON "wish" USING btree ("place_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "wish_claimant_idx" ON "wish" USING btree ("claimant_party_member_id");--> statement-breakpoint
CREATE INDEX "wish_resident_idx" ON "wish" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "wish_file_file_idx" ON "wish_file" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "volunteer_activity_community_idx" ON "volunteer_activity" USING btree ("community_code","starts_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "volunteer_activity_team_idx" ON "volunteer_activity" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "volunteer_signup_activity_idx" ON "volunteer_signup" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "volunteer_signup_user_idx" ON "volunteer_signup" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signup_live_uidx" ON "volunteer_signup" USING btree ("activity_id","user_id") WHERE "volunteer_signup"."status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE "party_registration" ADD CONSTRAINT "party_registration_unit_id_party_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."party_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_member_id_number_idx" ON "party_member" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "party_member_phone_idx" ON "party_member" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "party_registration_unit_idx" ON "party_registration" USING btree ("unit_id","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
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
