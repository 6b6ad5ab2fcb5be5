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
ALTER TABLE "team" ADD COLUMN "kind" text DEFAULT 'volunteer' NOT NULL;--> statement-breakpoint
ALTER TABLE "team" ADD COLUMN "leader_user_id" bigint;--> statement-breakpoint
ALTER TABLE "volunteer_activity" ADD CONSTRAINT "volunteer_activity_community_code_region_code_fk" FOREIGN KEY ("community_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_activity" ADD CONSTRAINT "volunteer_activity_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signup" ADD CONSTRAINT "volunteer_signup_activity_id_volunteer_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."volunteer_activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_activity_community_idx" ON "volunteer_activity" USING btree ("community_code","starts_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "volunteer_activity_team_idx" ON "volunteer_activity" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "volunteer_signup_activity_idx" ON "volunteer_signup" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "volunteer_signup_user_idx" ON "volunteer_signup" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signup_live_uidx" ON "volunteer_signup" USING btree ("activity_id","user_id") WHERE "volunteer_signup"."status" <> 'cancelled';