CREATE TABLE "room_use_change" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"household_id" bigint NOT NULL,
	"day" date NOT NULL,
	"from_use" text NOT NULL,
	"to_use" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "room_use_change" ADD CONSTRAINT "room_use_change_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_use_change_household_day_idx" ON "room_use_change" USING btree ("household_id","day","id");