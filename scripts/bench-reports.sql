-- Fills a database that relais created (so that the schema is the real one) with a made-up
-- season: 10 campaigns, events of every kind (screening, vaccination, tobacco, violence, transport;
-- some in the two QPVs), about 1.1 sessions per event in 2027 (2 % cancelled), 100,000 people,
-- registrations spread over the sessions (one session in ten with fewer than 10 people, to be masked;
-- one registration in twelve a no-show) and reminders for every other registration (sent, failed,
-- dropped). Deterministic: the same sizes give the same rows.
-- The sizes come from a temporary table the caller creates first:
--   sqlite3 -cmd "CREATE TEMP TABLE bench_size AS SELECT 10000 AS events, 1100000 AS registrations" DB < this file
-- Used by scripts/bench-reports (a million registrations) and by ReportGoldenCLITests (a few thousand).
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO campaign (id, name, source_file, loaded_at)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9)
SELECT 'bench-' || i, 'Campagne de test ' || i, 'bench-' || i || '.ics', 0 FROM n;

CREATE TEMP TABLE place AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, code AS slug FROM commune;
-- kind: 0 screening, 1 vaccination, 2 screening+vaccination, 3 tobacco awareness (Mois sans tabac),
-- 4 tobacco (Espace sans tabac), 5 violence awareness, 6 transport.
INSERT INTO event (uid, campaign, summary, location, categories, labels, commune, neighbourhood, professionals,
    status, time_zone, all_day)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT events FROM bench_size) - 1)
SELECT 'bench-' || i || '@relais', 'bench-' || (i % 10), 'Action de test ' || i, 'Salle ' || (i % 500),
    CASE i % 7 WHEN 0 THEN 'screening' WHEN 1 THEN 'vaccination' WHEN 2 THEN 'screening,vaccination'
        WHEN 3 THEN 'tobacco,awareness' WHEN 4 THEN 'tobacco' WHEN 5 THEN 'violence,awareness' ELSE 'transport' END,
    CASE i % 7 WHEN 3 THEN 'Mois sans tabac' WHEN 4 THEN 'Espace sans tabac' ELSE '' END,
    CASE i % 50 WHEN 0 THEN (SELECT commune FROM neighbourhood WHERE slug = 'levant-tattes')
        WHEN 25 THEN (SELECT commune FROM neighbourhood WHERE slug = 'jacques-prevert')
        ELSE (SELECT slug FROM place WHERE k = i % 27) END,
    CASE i % 50 WHEN 0 THEN 'levant-tattes' WHEN 25 THEN 'jacques-prevert' END,
    i % 4, 'confirmed', 'Europe/Paris', 0
FROM n;
INSERT INTO event_action_sheet (event, sheet)
SELECT uid, 7 FROM event WHERE categories LIKE '%screening%' OR categories LIKE '%vaccination%' OR categories = 'transport'
UNION ALL SELECT uid, 11 FROM event WHERE categories = 'transport'
UNION ALL SELECT uid, 12 FROM event WHERE categories LIKE '%violence%'
UNION ALL SELECT uid, 14 FROM event WHERE categories LIKE '%tobacco%';

-- One session per event in 2027, a second for one event in ten.
INSERT INTO occurrence (event, recurrence_key, starts_at, ends_at, status)
SELECT uid, 'k0', 1798758000 + ((rowid * 7919) % 360) * 86400 + 32400, 1798758000 + ((rowid * 7919) % 360) * 86400 + 39600, 'scheduled'
FROM event WHERE uid LIKE 'bench-%';
INSERT INTO occurrence (event, recurrence_key, starts_at, ends_at, status)
SELECT event, 'k1', starts_at + 7 * 86400, ends_at + 7 * 86400, 'scheduled' FROM occurrence WHERE id % 10 = 0;
CREATE TEMP TABLE slot AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM occurrence;

INSERT INTO participant (id, name, commune, birth_year, language, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
SELECT i, 'Personne ' || i, (SELECT slug FROM place WHERE k = i % 27), 1930 + (i % 95), 'fr', 0 FROM n;

-- Registration r goes to slot r % slots, person (r / slots) * 997 + slot: never twice the same pair.
-- One session in ten keeps only its first 1 to 9 people (small counts, to be masked); one
-- registration in twelve is a no-show.
INSERT INTO registration (occurrence, participant, commune, age_group, registered_at, attended_at, source)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT registrations FROM bench_size) * 1106 / 1000 - 1),
slots(c) AS (SELECT count(*) FROM slot)
SELECT s.id, ((i / c) * 997 + (i % c)) % 100000 + 1, p.commune,
    CASE WHEN 2027 - p.birth_year < 18 THEN '0-17' WHEN 2027 - p.birth_year <= 25 THEN '18-25'
        WHEN 2027 - p.birth_year <= 49 THEN '26-49' WHEN 2027 - p.birth_year <= 64 THEN '50-64'
        WHEN 2027 - p.birth_year <= 74 THEN '65-74' ELSE '75+' END,
    0, CASE WHEN i % 12 = 11 THEN NULL ELSE 1 END, 'bench'
FROM n, slots JOIN slot s ON s.k = i % c JOIN participant p ON p.id = ((i / c) * 997 + (i % c)) % 100000 + 1
WHERE s.k % 10 <> 3 OR i / c < 1 + s.k / 10 % 9;

-- Reminders for every other registration: 90 % sent, 5 % failed, 5 % dropped; an SMS sent has its
-- size recorded, one to three segments (for the outreach report's SMS table).
INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
    not_after, created_at, updated_at, sent_at, sms_encoding, sms_segments)
SELECT 'bench:' || id, 'reminder', CASE id % 3 WHEN 0 THEN 'sms' ELSE 'email' END, id, participant, occurrence, 1,
    CASE id % 20 WHEN 0 THEN 'failed' WHEN 1 THEN 'dropped' ELSE 'sent' END, 0, 0, 0, 0,
    CASE WHEN id % 20 > 1 THEN 0 END,
    CASE WHEN id % 3 = 0 AND id % 20 > 1 THEN CASE id % 7 WHEN 0 THEN 'ucs-2' ELSE 'gsm-7' END END,
    CASE WHEN id % 3 = 0 AND id % 20 > 1 THEN 1 + id % 5 / 2 END
FROM registration WHERE id % 2 = 0;

-- 2 % of the sessions cancelled afterwards (a cancelled session refuses new registrations).
UPDATE occurrence SET status = 'cancelled' WHERE id % 50 = 7;
COMMIT;
ANALYZE;
