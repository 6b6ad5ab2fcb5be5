/**
 * The people import's SQL (人口台账导入): the rooms an importer may name, the set-based checks of a staged
 * batch against the register, and the one statement that publishes a whole batch from import_row.
 */
import { and, asc, eq, isNull, like, sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../../db/client'
import { building, buildingUnit, compound, grid, household } from '../../db/schema/index'

/** A room (household) of a building under the importer's place, with the names a sheet addresses it by. */
export interface ScopeRoom {
  householdId: number
  gridCode: string
  address: string
  compoundName: string | null
  buildingName: string
  unitName: string | null
  room: string | null
}

/** Every household of a building under `placePrefix` (live grids only), for the dry run's address check. */
export function listScopeRooms(db: Db, placePrefix: string): Promise<ScopeRoom[]> {
  return db
    .select({
      householdId: household.id,
      gridCode: household.gridCode,
      address: household.address,
      compoundName: compound.name,
      buildingName: building.name,
      unitName: buildingUnit.name,
      room: household.room,
    })
    .from(household)
    .innerJoin(building, eq(building.id, household.buildingId))
    .innerJoin(grid, eq(grid.code, household.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .where(and(like(household.gridCode, `${placePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`), isNull(grid.retiredAt)))
    .orderBy(asc(household.id))
}

/** The batch's faultless staged rows with their fields, as jsonb_to_record reads them (population/import.ts StagedPerson). */
const src = (importId: string) => sql`
  SELECT r.row_no, d.*
  FROM import_row r,
       jsonb_to_record(r.data) AS d(
         name text, "idType" text, "idIdx" text, "idEnc" text, gender text, "birthDate" date,
         "phoneEnc" text, "phoneIdx" text, ethnicity text, "politicalStatus" text, education text,
         "maritalStatus" text, "relationCode" text, relation text, "residenceType" text, nationality text,
         "hukouAddress" text, "sameAsHukou" boolean, occupation text, workplace text, tags text[],
         "householdId" bigint, "gridCode" text, address text)
  WHERE r.import_id = ${importId}::uuid AND r.error_count = 0`

/**
 * The staged people the register refuses: one already registered outside the importer's place (its keepers
 * move them out first), or recorded as deceased. The first resident with the blind index decides.
 */
export async function findStagedConflicts(db: Db, importId: string, placePrefix: string): Promise<{ rowNo: number; gridCode: string; status: string }[]> {
  const res = await db.execute(sql`
    WITH src AS (${src(importId)})
    SELECT DISTINCT ON (s.row_no) s.row_no AS "rowNo", p.grid_code AS "gridCode", p.status
    FROM src s JOIN resident p ON p.id_number_idx = s."idIdx"
    WHERE p.grid_code NOT LIKE ${`${placePrefix}%`} OR p.status = 'deceased'
    ORDER BY s.row_no, p.id`)
  return rowsOf<{ rowNo: number; gridCode: string; status: string }>(res)
}

/**
 * Publish a whole checked batch in ONE statement (a data-modifying CTE over import_row), so the commit of
 * 100,000 rows is one round trip and the embedded database answers other requests before and after it:
 * - a person is matched by the ID number's blind index (the lowest id when the register holds two: an index probe per row);
 * - a matched person whose sheet fields differ is updated — a blank optional cell keeps what is stored —,
 *   else counted unchanged;
 * - a new person is inserted with an open stay (startReason 'import', from the commit's day);
 * - a person whose room changed (or who had moved out and is listed again) moves: the open stay is closed
 *   (endReason transfer) and a new one opened. The close is read by the insert, so it happens first and
 *   the one-open-stay index holds; their special-group records follow them to the new grid;
 * - a newcomer recorded as 户主 (GB/T 4761 code 02) heads their household when it has no head yet.
 * No sub-statement joins another one (a CTE has no index: the planner's nested loop over 100,000 × 100,000
 * materialised rows took minutes); what a later one needs travels in the earlier one's RETURNING.
 */
export async function publishStagedPeople(db: Db, importId: string, o: { day: string; now: Date; userId: number | null }): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const now = o.now.toISOString()
  // the batch's hash joins stay in memory (the default 4 MB spills 100,000 staged rows to temporary files)
  await db.execute(sql`SET LOCAL work_mem = '64MB'`)
  const res = await db.execute(sql`
    WITH src AS (${src(importId)}),
    cur AS (
      SELECT s.*, p.id AS pid,
        (p.id IS NOT NULL AND (p.household_id IS DISTINCT FROM s."householdId" OR p.status <> 'present')) AS moved,
        (p.id IS NOT NULL AND (
          p.name IS DISTINCT FROM s.name
          OR p.id_type IS DISTINCT FROM s."idType"
          OR p.household_id IS DISTINCT FROM s."householdId"
          OR p.status <> 'present'
          OR p.residence_type IS DISTINCT FROM s."residenceType"
          OR p.nationality IS DISTINCT FROM s.nationality
          OR (s.gender IS NOT NULL AND p.gender IS DISTINCT FROM s.gender)
          OR (s."birthDate" IS NOT NULL AND p.birth_date IS DISTINCT FROM s."birthDate")
          OR (s."phoneIdx" IS NOT NULL AND p.phone_idx IS DISTINCT FROM s."phoneIdx")
          OR (s.ethnicity IS NOT NULL AND p.ethnicity IS DISTINCT FROM s.ethnicity)
          OR (s."politicalStatus" IS NOT NULL AND p.political_status IS DISTINCT FROM s."politicalStatus")
          OR (s.education IS NOT NULL AND p.education IS DISTINCT FROM s.education)
          OR (s."maritalStatus" IS NOT NULL AND p.marital_status IS DISTINCT FROM s."maritalStatus")
          OR (s."relationCode" IS NOT NULL AND p.relation_code IS DISTINCT FROM s."relationCode")
          OR (s."hukouAddress" IS NOT NULL AND p.hukou_address IS DISTINCT FROM s."hukouAddress")
          OR (s."sameAsHukou" IS NOT NULL AND p.same_as_hukou IS DISTINCT FROM s."sameAsHukou")
          OR (s.occupation IS NOT NULL AND p.occupation IS DISTINCT FROM s.occupation)
          OR (s.workplace IS NOT NULL AND p.workplace IS DISTINCT FROM s.workplace)
          OR (s.tags IS NOT NULL AND p.tags IS DISTINCT FROM s.tags)
        )) AS changed
      FROM src s
      LEFT JOIN LATERAL (SELECT * FROM resident x WHERE x.id_number_idx = s."idIdx" ORDER BY x.id LIMIT 1) p ON true
    ),
    upd AS (
      UPDATE resident p SET
        name = c.name,
        id_type = c."idType",
        household_id = c."householdId",
        grid_code = c."gridCode",
        status = 'present',
        residence_type = c."residenceType",
        nationality = c.nationality,
        gender = COALESCE(c.gender, p.gender),
        birth_date = COALESCE(c."birthDate", p.birth_date),
        phone_enc = CASE WHEN c."phoneIdx" IS NOT NULL AND p.phone_idx IS DISTINCT FROM c."phoneIdx" THEN c."phoneEnc" ELSE p.phone_enc END,
        phone_idx = COALESCE(c."phoneIdx", p.phone_idx),
        ethnicity = COALESCE(c.ethnicity, p.ethnicity),
        political_status = COALESCE(c."politicalStatus", p.political_status),
        education = COALESCE(c.education, p.education),
        marital_status = COALESCE(c."maritalStatus", p.marital_status),
        relation_code = COALESCE(c."relationCode", p.relation_code),
        relation = COALESCE(c.relation, p.relation),
        hukou_address = COALESCE(c."hukouAddress", p.hukou_address),
        same_as_hukou = COALESCE(c."sameAsHukou", p.same_as_hukou),
        occupation = COALESCE(c.occupation, p.occupation),
        workplace = COALESCE(c.workplace, p.workplace),
        tags = COALESCE(c.tags, p.tags),
        updated_at = ${now}::timestamptz,
        version = p.version + 1
      FROM cur c
      WHERE p.id = c.pid AND c.changed
      RETURNING p.id
    ),
    ins AS (
      INSERT INTO resident (household_id, grid_code, name, gender, birth_date, id_number_enc, id_number_idx, phone_enc, phone_idx, tags,
        relation, residence_type, id_type, nationality, ethnicity, political_status, education, marital_status, relation_code,
        hukou_address, same_as_hukou, occupation, workplace, status, updated_at, created_at)
      SELECT c."householdId", c."gridCode", c.name, c.gender, c."birthDate", c."idEnc", c."idIdx", c."phoneEnc", c."phoneIdx", COALESCE(c.tags, '{}'),
        c.relation, c."residenceType", c."idType", c.nationality, c.ethnicity, c."politicalStatus", c.education, c."maritalStatus", c."relationCode",
        c."hukouAddress", COALESCE(c."sameAsHukou", true), c.occupation, c.workplace, 'present', ${now}::timestamptz, ${now}::timestamptz
      FROM cur c WHERE c.pid IS NULL
      RETURNING id, household_id, grid_code, relation_code, residence_type
    ),
    closed AS (
      UPDATE residence_history h SET to_date = GREATEST(h.from_date, ${o.day}::date), end_reason = 'transfer', note = '台账导入：住址变更'
      FROM cur c
      WHERE c.moved AND h.resident_id = c.pid AND h.to_date IS NULL
      RETURNING h.resident_id, c."householdId", c."gridCode", c.address, c."relationCode", c."residenceType"
    ),
    heads AS (
      -- a newcomer recorded as 户主 heads a household that has no head yet
      UPDATE household h SET head_resident_id = n.id, version = h.version + 1
      FROM (SELECT DISTINCT ON (household_id) id, household_id FROM ins WHERE relation_code = '02' ORDER BY household_id, id) n
      WHERE h.id = n.household_id AND h.head_resident_id IS NULL
      RETURNING h.id
    ),
    followed AS (
      -- a special-group record is scoped by its person's grid and follows them on a move
      UPDATE special_group g SET grid_code = c."gridCode", version = g.version + 1
      FROM cur c
      WHERE c.moved AND g.resident_id = c.pid AND g.grid_code <> c."gridCode"
      RETURNING g.id
    ),
    opened AS (
      INSERT INTO residence_history (resident_id, household_id, grid_code, address, relation_code, residence_type, from_date, start_reason, recorded_by_user_id, created_at)
      SELECT n.id, n.household_id, n.grid_code, h.address, n.relation_code, n.residence_type, ${o.day}::date, 'import', ${o.userId}::bigint, ${now}::timestamptz
        FROM ins n JOIN household h ON h.id = n.household_id
      UNION ALL
      SELECT x.resident_id, x."householdId", x."gridCode", x.address, x."relationCode", x."residenceType", ${o.day}::date, 'import', ${o.userId}::bigint, ${now}::timestamptz
        FROM closed x
      UNION ALL
      SELECT c.pid, c."householdId", c."gridCode", c.address, c."relationCode", c."residenceType", ${o.day}::date, 'import', ${o.userId}::bigint, ${now}::timestamptz
        FROM cur c
        WHERE c.moved AND NOT EXISTS (SELECT 1 FROM residence_history h WHERE h.resident_id = c.pid AND h.to_date IS NULL)
      RETURNING resident_id
    )
    SELECT (SELECT count(*)::int FROM ins) AS inserted,
           (SELECT count(*)::int FROM upd) AS updated,
           (SELECT count(*)::int FROM cur WHERE pid IS NOT NULL AND NOT changed) AS unchanged,
           (SELECT count(*)::int FROM opened) AS stays,
           (SELECT count(*)::int FROM followed) AS "specialGroupsMoved",
           (SELECT count(*)::int FROM heads) AS heads`)
  const [r] = rowsOf<{ inserted: number; updated: number; unchanged: number }>(res)
  return { inserted: r!.inserted, updated: r!.updated, unchanged: r!.unchanged }
}
