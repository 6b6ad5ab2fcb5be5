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
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_party_member_id_party_member_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_registration_id_party_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."party_registration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_pledge" ADD CONSTRAINT "household_pledge_building_id_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."building"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_contact" ADD CONSTRAINT "pledge_contact_party_member_id_party_member_id_fk" FOREIGN KEY ("party_member_id") REFERENCES "public"."party_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_visit" ADD CONSTRAINT "pledge_visit_pledge_id_household_pledge_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."household_pledge"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "household_pledge_active_uidx" ON "household_pledge" USING btree ("household_id") WHERE "household_pledge"."status" = 'active';--> statement-breakpoint
CREATE INDEX "household_pledge_member_idx" ON "household_pledge" USING btree ("party_member_id","status");--> statement-breakpoint
CREATE INDEX "household_pledge_grid_idx" ON "household_pledge" USING btree ("grid_code","status");--> statement-breakpoint
CREATE INDEX "household_pledge_building_idx" ON "household_pledge" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "pledge_visit_pledge_idx" ON "pledge_visit" USING btree ("pledge_id","visited_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pledge_visit_member_idx" ON "pledge_visit" USING btree ("party_member_id","visited_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pledge_visit_community_idx" ON "pledge_visit" USING btree ("community_code","visited_on" DESC NULLS LAST);