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
ALTER TABLE "party_registration" ADD COLUMN "unit_id" bigint;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "party_org_name" text;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "phone_idx" text;--> statement-breakpoint
ALTER TABLE "party_unit" ADD CONSTRAINT "party_unit_county_code_region_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_registration" ADD CONSTRAINT "unit_registration_unit_id_party_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."party_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_registration" ADD CONSTRAINT "unit_registration_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_unit_county_name_uidx" ON "party_unit" USING btree ("county_code","name");--> statement-breakpoint
CREATE INDEX "unit_registration_community_idx" ON "unit_registration" USING btree ("community_code","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "unit_registration_unit_idx" ON "unit_registration" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_registration_live_uidx" ON "unit_registration" USING btree ("unit_id","community_code") WHERE "unit_registration"."status" IN ('submitted', 'confirmed');--> statement-breakpoint
ALTER TABLE "party_registration" ADD CONSTRAINT "party_registration_unit_id_party_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."party_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_registration_unit_idx" ON "party_registration" USING btree ("unit_id","submitted_at" DESC NULLS LAST,"id" DESC NULLS LAST);