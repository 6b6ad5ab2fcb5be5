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
CREATE INDEX "wish_file_file_idx" ON "wish_file" USING btree ("file_id");