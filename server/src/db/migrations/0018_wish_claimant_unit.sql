ALTER TABLE "wish" ADD COLUMN "claimant_unit_id" bigint;--> statement-breakpoint
ALTER TABLE "wish" ADD CONSTRAINT "wish_claimant_unit_id_party_unit_id_fk" FOREIGN KEY ("claimant_unit_id") REFERENCES "public"."party_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wish_claimant_unit_idx" ON "wish" USING btree ("claimant_unit_id");