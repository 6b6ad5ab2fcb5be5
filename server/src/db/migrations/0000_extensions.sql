-- Extensions first: pg_trgm for substring search over Chinese text (PGlite ships it as a contrib
-- extension loaded by the client; Debian's PostgreSQL 15 has it in postgresql-contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
