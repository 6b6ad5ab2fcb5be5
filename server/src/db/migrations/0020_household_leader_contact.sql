CREATE TABLE "household_leader_contact" (
	"resident_id" bigint PRIMARY KEY NOT NULL,
	"phone_public" boolean DEFAULT false NOT NULL,
	"recorded_by_user_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "household_leader_contact" ADD CONSTRAINT "household_leader_contact_resident_id_resident_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident"("id") ON DELETE no action ON UPDATE no action;