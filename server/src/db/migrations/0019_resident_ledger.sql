CREATE TABLE "rental" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" bigint NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"landlord_resident_id" bigint,
	"landlord_name" text NOT NULL,
	"landlord_phone_enc" text,
	"landlord_phone_idx" text,
	"landlord_id_number_enc" text,
	"landlord_id_number_idx" text,
	"purpose" text DEFAULT 'residence' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"status" text DEFAULT 'active' NOT NULL,
	"security_pledge_signed" boolean DEFAULT false NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rental_tenant" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rental_id" bigint NOT NULL,
	"resident_id" bigint NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "residence_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" bigint NOT NULL,
	"household_id" bigint,
	"grid_code" varchar(15) NOT NULL,
	"address" text NOT NULL,
	"relation_code" varchar(2),
	"residence_type" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"start_reason" text NOT NULL,
	"end_reason" text,
	"note" text,
	"recorded_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_group" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" bigint NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"level" text DEFAULT 'normal' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"since" date,
	"until" date,
	"status" text DEFAULT 'active' NOT NULL,
	"end_reason" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" bigint
);
--> statement-breakpoint
CREATE TABLE "venue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"building_id" bigint,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"small_venue_type" text,
	"key_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"address" text NOT NULL,
	"credit_code" varchar(18),
	"responsible_name" text NOT NULL,
	"responsible_phone_enc" text,
	"responsible_phone_idx" text,
	"employees" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"subject_kind" text,
	"resident_id" bigint,
	"household_id" bigint,
	"grid_code" varchar(15) NOT NULL,
	"visitor_user_id" bigint NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"method" text DEFAULT 'door' NOT NULL,
	"seen_resident_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"outcome" text NOT NULL,
	"notes" text,
	"appeal_id" bigint,
	"need_id" bigint,
	"campaign_id" bigint,
	"register_changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_campaign" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"place_code" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"subject_kind" text NOT NULL,
	"start_date" date NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_by_user_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_rule" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"subject_kind" text NOT NULL,
	"frequency_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "head_resident_id" bigint;--> statement-breakpoint
ALTER TABLE "household" ADD COLUMN "occupancy" text DEFAULT 'owner' NOT NULL;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "residence_type" text DEFAULT 'registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "id_type" text DEFAULT 'idCard' NOT NULL;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "nationality" varchar(3) DEFAULT 'CHN' NOT NULL;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "ethnicity" varchar(2);--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "political_status" varchar(2);--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "education" varchar(2);--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "marital_status" varchar(2);--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "relation_code" varchar(2);--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "hukou_address" text;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "same_as_hukou" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "occupation" text;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "workplace" text;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "status" text DEFAULT 'present' NOT NULL;--> statement-breakpoint
ALTER TABLE "resident" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rental" ADD CONSTRAINT "rental_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental" ADD CONSTRAINT "rental_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental" ADD CONSTRAINT "rental_landlord_resident_id_resident_id_fk" FOREIGN KEY ("landlord_resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_tenant" ADD CONSTRAINT "rental_tenant_rental_id_rental_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rental"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_tenant" ADD CONSTRAINT "rental_tenant_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_history" ADD CONSTRAINT "residence_history_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_history" ADD CONSTRAINT "residence_history_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_history" ADD CONSTRAINT "residence_history_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_group" ADD CONSTRAINT "special_group_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_group" ADD CONSTRAINT "special_group_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue" ADD CONSTRAINT "venue_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue" ADD CONSTRAINT "venue_building_id_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."building"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit" ADD CONSTRAINT "visit_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit" ADD CONSTRAINT "visit_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit" ADD CONSTRAINT "visit_grid_code_grid_code_fk" FOREIGN KEY ("grid_code") REFERENCES "public"."grid"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit" ADD CONSTRAINT "visit_campaign_id_visit_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."visit_campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_campaign" ADD CONSTRAINT "visit_campaign_place_code_region_code_fk" FOREIGN KEY ("place_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_rule" ADD CONSTRAINT "visit_rule_county_code_region_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rental_grid_idx" ON "rental" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "rental_household_idx" ON "rental" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rental_household_active_uq" ON "rental" USING btree ("household_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "rental_tenant_rental_idx" ON "rental_tenant" USING btree ("rental_id");--> statement-breakpoint
CREATE INDEX "rental_tenant_resident_idx" ON "rental_tenant" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "residence_history_resident_idx" ON "residence_history" USING btree ("resident_id","from_date");--> statement-breakpoint
CREATE INDEX "residence_history_grid_idx" ON "residence_history" USING btree ("grid_code");--> statement-breakpoint
CREATE UNIQUE INDEX "residence_history_open_uq" ON "residence_history" USING btree ("resident_id") WHERE to_date is null;--> statement-breakpoint
CREATE INDEX "special_group_resident_idx" ON "special_group" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "special_group_grid_kind_idx" ON "special_group" USING btree ("grid_code","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "special_group_active_uq" ON "special_group" USING btree ("resident_id","kind") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "venue_grid_idx" ON "venue" USING btree ("grid_code");--> statement-breakpoint
CREATE INDEX "venue_kind_idx" ON "venue" USING btree ("kind");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_credit_code_uq" ON "venue" USING btree ("credit_code") WHERE credit_code is not null;--> statement-breakpoint
CREATE INDEX "visit_subject_idx" ON "visit" USING btree ("subject_type","subject_id","visited_at");--> statement-breakpoint
CREATE INDEX "visit_grid_time_idx" ON "visit" USING btree ("grid_code","visited_at");--> statement-breakpoint
CREATE INDEX "visit_resident_idx" ON "visit" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "visit_campaign_idx" ON "visit" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "visit_campaign_place_idx" ON "visit_campaign" USING btree ("place_code");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_rule_county_kind_uq" ON "visit_rule" USING btree ("county_code","subject_kind");--> statement-breakpoint
CREATE INDEX "resident_name_idx" ON "resident" USING btree ("name" text_pattern_ops);--> statement-breakpoint
-- The residents registered before the ledger: their current stay opens their residence history, and a household's
-- householder becomes its head.
UPDATE "resident" SET "relation_code" = CASE "relation" WHEN 'householder' THEN '02' WHEN 'spouse' THEN '10' WHEN 'child' THEN '20' WHEN 'parent' THEN '50' WHEN 'other' THEN '97' END WHERE "relation" IS NOT NULL;
--> statement-breakpoint
INSERT INTO "residence_history" ("resident_id", "household_id", "grid_code", "address", "relation_code", "residence_type", "from_date", "start_reason")
SELECT r."id", r."household_id", r."grid_code", coalesce(h."address", ''), r."relation_code", r."residence_type", (r."created_at" AT TIME ZONE 'Asia/Shanghai')::date, 'initial'
FROM "resident" r LEFT JOIN "household" h ON h."id" = r."household_id";
--> statement-breakpoint
UPDATE "household" h SET "head_resident_id" = r."id" FROM "resident" r WHERE r."household_id" = h."id" AND r."relation" = 'householder';
