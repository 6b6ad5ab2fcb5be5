CREATE TABLE "appeal_urge" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_claim" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resident_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"grid_code" varchar(15) NOT NULL,
	"building_id" bigint NOT NULL,
	"unit_id" bigint,
	"room" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" bigint,
	"reason" text,
	"household_id" bigint
);
--> statement-breakpoint
CREATE TABLE "phone_code" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"phone_idx" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"ip" text
);
--> statement-breakpoint
CREATE INDEX "appeal_urge_appeal_idx" ON "appeal_urge" USING btree ("appeal_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "household_claim_grid_idx" ON "household_claim" USING btree ("grid_code","status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "household_claim_user_idx" ON "household_claim" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "phone_code_phone_idx" ON "phone_code" USING btree ("phone_idx","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "phone_code_ip_idx" ON "phone_code" USING btree ("ip","created_at" DESC NULLS LAST);