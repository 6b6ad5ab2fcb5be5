CREATE TABLE "appeal_stats_county_day" (
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
	CONSTRAINT "appeal_stats_county_day_county_code_day_pk" PRIMARY KEY("county_code","day")
);
--> statement-breakpoint
CREATE TABLE "appeal_stats_county_month" (
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
	CONSTRAINT "appeal_stats_county_month_county_code_month_pk" PRIMARY KEY("county_code","month")
);
--> statement-breakpoint
DROP INDEX "appeal_assignee_open_idx";--> statement-breakpoint
CREATE INDEX "appeal_stats_county_day_day_idx" ON "appeal_stats_county_day" USING btree ("day","county_code");--> statement-breakpoint
CREATE INDEX "appeal_stats_county_month_month_idx" ON "appeal_stats_county_month" USING btree ("month","county_code");--> statement-breakpoint
CREATE INDEX "user_account_scope_idx" ON "user_account" USING btree ("scope","role");--> statement-breakpoint
CREATE INDEX "appeal_open_grid_idx" ON "appeal" USING btree ("grid_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_open_community_idx" ON "appeal" USING btree ("community_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_open_street_idx" ON "appeal" USING btree ("street_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_open_county_idx" ON "appeal" USING btree ("county_code","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_open_created_idx" ON "appeal" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_open_status_idx" ON "appeal" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_open_submitter_idx" ON "appeal" USING btree ("submitter_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "appeal_assignee_open_idx" ON "appeal" USING btree ("assignee_type","assignee_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST,"status") WHERE "appeal"."status" <> 'closed';