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
ALTER TABLE "party_member" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "phone_idx" text;--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "party_member" ADD COLUMN "id_number_idx" text;--> statement-breakpoint
ALTER TABLE "party_registration" ADD COLUMN "party_org_name" text;--> statement-breakpoint
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_import_id_import_batch_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batch_expires_idx" ON "import_batch" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "party_member_id_number_idx" ON "party_member" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "party_member_phone_idx" ON "party_member" USING btree ("phone_idx");