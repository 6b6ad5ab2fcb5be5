CREATE TABLE "building" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"compound_id" bigint,
	"name" text NOT NULL,
	"address" text,
	"floors" integer,
	"lat" double precision,
	"lng" double precision,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "building_unit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"building_id" bigint NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compound" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"property_company_id" bigint,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid" (
	"code" varchar(15) PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"serial" integer NOT NULL,
	"name" text NOT NULL,
	"functions" text[] DEFAULT '{}'::text[] NOT NULL,
	"boundary" jsonb,
	"path" text NOT NULL,
	"household_count" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"building_id" bigint,
	"unit_id" bigint,
	"group_id" bigint,
	"room" text,
	"address" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_group" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"name" text NOT NULL,
	"leader_resident_id" bigint,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "property_company" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"county_code" varchar(6) NOT NULL,
	"contact_phone" text,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"parent_code" varchar(12),
	"path" text NOT NULL,
	"province_code" varchar(2) NOT NULL,
	"city_code" varchar(4) NOT NULL,
	"number_prefix" text,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "department" (
	"code" text PRIMARY KEY NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"name" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_member" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" bigint,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"party_org_id" bigint,
	"work_unit" text,
	"community_code" varchar(12) NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_org" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parent_id" bigint,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"place_code" varchar(15) NOT NULL,
	"building_id" bigint,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" bigint,
	"grid_code" varchar(15) NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"id_number_enc" text,
	"id_number_idx" text,
	"phone_enc" text,
	"phone_idx" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"relation" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_member" (
	"team_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	CONSTRAINT "team_member_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "user_account" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"scope" text NOT NULL,
	"display_name" text NOT NULL,
	"resident_id" bigint,
	"party_member_id" bigint,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_account_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "appeal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"channel" text NOT NULL,
	"category_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"street_code" varchar(9) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"building_id" bigint,
	"household_id" bigint,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"is_urgent" boolean DEFAULT false NOT NULL,
	"importance" text NOT NULL,
	"urgency" text NOT NULL,
	"color" text NOT NULL,
	"submitter_user_id" bigint NOT NULL,
	"submitter_role" text NOT NULL,
	"resident_id" bigint,
	"contact_name" text,
	"contact_phone_enc" text,
	"people" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assignee_type" text,
	"assignee_id" text,
	"assignee_name" text,
	"assigned_by" text,
	"assigned_at" timestamp with time zone,
	"pool_community_code" varchar(12),
	"claimed_by_user_id" bigint,
	"lead_department_code" text,
	"whistled_department_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"reported_department_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"escalated_at" timestamp with time zone,
	"extension_pending" boolean DEFAULT false NOT NULL,
	"open_supervisor_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"response_overdue" boolean DEFAULT false NOT NULL,
	"resolve_overdue" boolean DEFAULT false NOT NULL,
	"resolved_late" boolean DEFAULT false NOT NULL,
	"card" text,
	"resolution_level" text,
	"result" text,
	"reply_message" text,
	"response_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"verify_due_at" timestamp with time zone,
	"reply_due_at" timestamp with time zone,
	"auto_close_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"rated_via" text,
	"unsatisfied_count" integer DEFAULT 0 NOT NULL,
	"duplicate_of" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appeal_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "appeal_deadline" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" bigint NOT NULL,
	"step" text NOT NULL,
	"department_code" text,
	"limit_amount" double precision NOT NULL,
	"limit_unit" text NOT NULL,
	"extension_days" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone NOT NULL,
	"red_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"late" boolean,
	"warned_at" timestamp with time zone,
	"yellow_at" timestamp with time zone,
	"red_card_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appeal_department" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" bigint NOT NULL,
	"department_code" text NOT NULL,
	"role" text NOT NULL,
	"whistled_at" timestamp with time zone NOT NULL,
	"whistled_by_user_id" bigint NOT NULL,
	"report_by" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone,
	"reported_by_user_id" bigint,
	"late" boolean,
	"note" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" bigint NOT NULL,
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
CREATE TABLE "appeal_extension" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" bigint NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_by_user_id" bigint NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by_user_id" bigint,
	"decided_at" timestamp with time zone,
	"note" text,
	"previous_due_at" timestamp with time zone,
	"new_due_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appeal_file" (
	"appeal_id" bigint NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "appeal_file_appeal_id_file_id_pk" PRIMARY KEY("appeal_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "appeal_stats_day" (
	"street_code" varchar(9) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"merged" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"basic" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"overdue_response" integer DEFAULT 0 NOT NULL,
	"overdue_resolve" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"yellow" integer DEFAULT 0 NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"lvl_building" integer DEFAULT 0 NOT NULL,
	"lvl_grid" integer DEFAULT 0 NOT NULL,
	"lvl_community" integer DEFAULT 0 NOT NULL,
	"lvl_street" integer DEFAULT 0 NOT NULL,
	"lvl_department" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appeal_stats_day_street_code_day_pk" PRIMARY KEY("street_code","day")
);
--> statement-breakpoint
CREATE TABLE "appeal_stats_delta" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"street_code" varchar(9) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"merged" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"basic" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"overdue_response" integer DEFAULT 0 NOT NULL,
	"overdue_resolve" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"yellow" integer DEFAULT 0 NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"lvl_building" integer DEFAULT 0 NOT NULL,
	"lvl_grid" integer DEFAULT 0 NOT NULL,
	"lvl_community" integer DEFAULT 0 NOT NULL,
	"lvl_street" integer DEFAULT 0 NOT NULL,
	"lvl_department" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_stats_month" (
	"street_code" varchar(9) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"month" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"responded_on_time" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"merged" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"basic" integer DEFAULT 0 NOT NULL,
	"unsatisfied" integer DEFAULT 0 NOT NULL,
	"overdue_response" integer DEFAULT 0 NOT NULL,
	"overdue_resolve" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"yellow" integer DEFAULT 0 NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"lvl_building" integer DEFAULT 0 NOT NULL,
	"lvl_grid" integer DEFAULT 0 NOT NULL,
	"lvl_community" integer DEFAULT 0 NOT NULL,
	"lvl_street" integer DEFAULT 0 NOT NULL,
	"lvl_department" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appeal_stats_month_street_code_month_pk" PRIMARY KEY("street_code","month")
);
--> statement-breakpoint
CREATE TABLE "category" (
	"code" text PRIMARY KEY NOT NULL,
	"parent_code" text,
	"name" text NOT NULL,
	"importance" text DEFAULT 'normal' NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"limits" jsonb,
	"sort" integer DEFAULT 0 NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_key" (
	"user_id" bigint NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_key_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "supervision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"step" text,
	"deadline_id" bigint,
	"level" text NOT NULL,
	"supervisor_code" varchar(12) NOT NULL,
	"target" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_by_user_id" bigint,
	"answered_at" timestamp with time zone,
	"close_note" text,
	"closed_by_user_id" bigint,
	"closed_at" timestamp with time zone,
	"county_code" varchar(6) NOT NULL,
	"street_code" varchar(9) NOT NULL,
	"community_code" varchar(12) NOT NULL,
	"grid_code" varchar(15) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
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
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" bigint NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"appeal_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "work_calendar" (
	"day" date PRIMARY KEY NOT NULL,
	"is_workday" boolean NOT NULL,
	"name" text,
	"source" text DEFAULT 'chinese-days' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "building" ADD CONSTRAINT "building_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building" ADD CONSTRAINT "building_compound_id_compound_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compound"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "building_unit" ADD CONSTRAINT "building_unit_building_id_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."building"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound" ADD CONSTRAINT "compound_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compound" ADD CONSTRAINT "compound_property_company_id_property_company_id_fk" FOREIGN KEY ("property_company_id") REFERENCES "public"."property_company"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid" ADD CONSTRAINT "grid_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household" ADD CONSTRAINT "household_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household" ADD CONSTRAINT "household_building_id_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."building"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household" ADD CONSTRAINT "household_unit_id_building_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."building_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household" ADD CONSTRAINT "household_group_id_household_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."household_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_group" ADD CONSTRAINT "household_group_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department" ADD CONSTRAINT "department_county_code_region_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_member" ADD CONSTRAINT "party_member_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_member" ADD CONSTRAINT "party_member_party_org_id_party_org_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."party_org"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_member" ADD CONSTRAINT "party_member_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident" ADD CONSTRAINT "resident_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident" ADD CONSTRAINT "resident_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_account" ADD CONSTRAINT "user_account_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_account" ADD CONSTRAINT "user_account_party_member_id_party_member_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_deadline" ADD CONSTRAINT "appeal_deadline_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_department" ADD CONSTRAINT "appeal_department_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_event" ADD CONSTRAINT "appeal_event_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_extension" ADD CONSTRAINT "appeal_extension_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_file" ADD CONSTRAINT "appeal_file_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_key" ADD CONSTRAINT "idempotency_key_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision" ADD CONSTRAINT "supervision_appeal_id_appeal_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "building_grid_idx" ON "building" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "building_unit_building_idx" ON "building_unit" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "compound_community_idx" ON "compound" USING btree ("community_code");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_community_serial_uq" ON "grid" USING btree ("community_code","serial");--> statement-breakpoint
CREATE INDEX "household_grid_idx" ON "household" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "household_building_idx" ON "household" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "household_group_idx" ON "household" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "household_group_grid_idx" ON "household_group" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "region_parent_idx" ON "region" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "region_path_idx" ON "region" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "party_member_community_idx" ON "party_member" USING btree ("community_code");--> statement-breakpoint
CREATE INDEX "party_org_place_idx" ON "party_org" USING btree ("place_code");--> statement-breakpoint
CREATE INDEX "party_org_parent_idx" ON "party_org" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "resident_grid_idx" ON "resident" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "resident_household_idx" ON "resident" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "resident_id_number_idx" ON "resident" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "resident_phone_idx" ON "resident" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "team_member_user_idx" ON "team_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "appeal_grid_created_idx" ON "appeal" USING btree ("grid_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "appeal_community_created_idx" ON "appeal" USING btree ("community_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "appeal_street_created_idx" ON "appeal" USING btree ("street_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "appeal_county_created_idx" ON "appeal" USING btree ("county_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "appeal_submitter_idx" ON "appeal" USING btree ("submitter_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "appeal_assignee_open_idx" ON "appeal" USING btree ("assignee_type","assignee_id","created_at" DESC NULLS LAST) WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_pool_idx" ON "appeal" USING btree ("pool_community_code","created_at" DESC NULLS LAST) WHERE "appeal"."pool_community_code" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "appeal_whistled_idx" ON "appeal" USING gin ("whistled_department_codes");--> statement-breakpoint
CREATE INDEX "appeal_auto_close_idx" ON "appeal" USING btree ("auto_close_at") WHERE "appeal"."status" = 'replied';--> statement-breakpoint
CREATE INDEX "appeal_closed_idx" ON "appeal" USING btree ("closed_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "appeal"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "appeal_deadline_appeal_idx" ON "appeal_deadline" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_deadline_warn_idx" ON "appeal_deadline" USING btree ("warn_at") WHERE "appeal_deadline"."finished_at" IS NULL AND "appeal_deadline"."warned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "appeal_deadline_due_idx" ON "appeal_deadline" USING btree ("due_at") WHERE "appeal_deadline"."finished_at" IS NULL AND "appeal_deadline"."yellow_at" IS NULL;--> statement-breakpoint
CREATE INDEX "appeal_deadline_red_idx" ON "appeal_deadline" USING btree ("red_at") WHERE "appeal_deadline"."finished_at" IS NULL AND "appeal_deadline"."red_card_at" IS NULL;--> statement-breakpoint
CREATE INDEX "appeal_department_appeal_idx" ON "appeal_department" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_department_dept_idx" ON "appeal_department" USING btree ("department_code","whistled_at");--> statement-breakpoint
CREATE INDEX "appeal_event_appeal_idx" ON "appeal_event" USING btree ("appeal_id","id");--> statement-breakpoint
CREATE INDEX "appeal_extension_appeal_idx" ON "appeal_extension" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "appeal_file_file_idx" ON "appeal_file" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "appeal_stats_day_county_idx" ON "appeal_stats_day" USING btree ("county_code","day");--> statement-breakpoint
CREATE INDEX "appeal_stats_delta_county_idx" ON "appeal_stats_delta" USING btree ("county_code","day");--> statement-breakpoint
CREATE INDEX "appeal_stats_month_county_idx" ON "appeal_stats_month" USING btree ("county_code","month");--> statement-breakpoint
CREATE INDEX "idempotency_key_created_idx" ON "idempotency_key" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "supervision_appeal_idx" ON "supervision" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "supervision_supervisor_idx" ON "supervision" USING btree ("supervisor_code","opened_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_deadline_uq" ON "supervision" USING btree ("deadline_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "file_owner_idx" ON "file" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_unsent_idx" ON "notification" USING btree ("id") WHERE "notification"."sent_at" IS NULL;