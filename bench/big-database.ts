import Database from 'libsql';
import { hashToken } from '../api/db/staff-tokens.ts';
import { nameKeySql } from '../api/domain/name-key.ts';

/**
 * Grows a migrated, seeded database file to `total` requests of MDT in one statement (the trigger
 * adds each one's first event), spread over its request types, services (each in the unit its service
 * routes to) and fifteen years. Most are closed, as in a real archive; the newest are open, and their
 * due dates run from past to future. Three in four carry a citizen's name and document number.
 * Bench data only: written without fsync.
 */
const SURNAMES = [
  'Quispe',
  'Pérez',
  'Guamán',
  'Zambrano',
  'Andrade',
  'Villacís',
  'Mendoza',
  'Cedeño',
  'Torres',
  'Ñauta',
  'Castillo',
  'Morales',
  'Vera',
  'Cárdenas',
  'Moreira',
  'Loor',
  'Chávez',
  'Ortiz',
  'Muñoz',
  'Yépez',
];

export function growDatabase(path: string, total: number, staffToken: string): void {
  const db = new Database(path, { timeout: 10_000 });
  try {
    db.exec('PRAGMA synchronous = OFF');
    const types = db
      .prepare("SELECT code FROM request_types WHERE institution = 'MDT' ORDER BY code")
      .all()
      .map((row) => (row as { code: string }).code);
    const services = db
      .prepare("SELECT id FROM services WHERE institution = 'MDT' ORDER BY id")
      .all()
      .map((row) => (row as { id: string }).id);
    db.exec('BEGIN');
    if (total > 0)
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :total - 1),
         t(i, type, year, sequence, service, day, first_name, last_name) AS (
           SELECT i, json_extract(:types, '$[' || (i % :typeCount) || ']'), 2011 + (i * 15) / :total,
             i / :typeCount + 1, json_extract(:services, '$[' || (i % :serviceCount) || ']'),
             date('2011-01-01', '+' || ((i * 5478) / :total) || ' days'),
             -- Three in four with a citizen, so the search by name or document has an archive to search.
             CASE WHEN i % 4 <> 0 THEN 'Nombre' || (i % 97) END,
             CASE WHEN i % 4 <> 0 THEN json_extract(:surnames, '$[' || (i % 20) || ']') || ' ' || (i % 1009) END
           FROM n)
       INSERT INTO requests (ticket, institution, type, year, sequence, service, status, description, anonymous,
         document_type, document_number, first_name, last_name, name_key,
         locale, tracking_hash, privacy_version, due_date, created_at, updated_at, unit_id)
       SELECT printf('MDT-%s-%d-%05d', type, year, sequence), 'MDT', type, year, sequence, service,
         CASE WHEN i > :total - 5000 THEN 'received' WHEN i > :total - 20000 THEN 'in_progress' ELSE 'closed' END,
         'Solicitud de prueba número ' || i, i % 4 = 0,
         CASE WHEN i % 4 <> 0 THEN 'cedula' END, CASE WHEN i % 4 <> 0 THEN printf('%010d', i) END,
         first_name, last_name, ${nameKeySql()},
         'es', 'bench:' || i, '1', date(day, '+21 days'),
         day || 'T12:00:00Z', day || 'T12:00:00Z',
         (SELECT unit_id FROM service_routes AS r WHERE r.institution = 'MDT' AND r.service = t.service)
       FROM t`,
      ).run({
        total,
        types: JSON.stringify(types),
        typeCount: BigInt(types.length),
        services: JSON.stringify(services),
        serviceCount: BigInt(services.length),
        surnames: JSON.stringify(SURNAMES),
      });
    db.prepare(
      "INSERT INTO staff_tokens (institution, name, token_hash, created_at) VALUES ('MDT', 'bench', ?, ?)",
    ).run(hashToken(staffToken), new Date().toISOString());
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
