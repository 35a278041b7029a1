import { performance } from 'node:perf_hooks';
import Database from 'libsql';
import { startTestServices } from '../test/support/services.ts';
import { growDatabase } from './big-database.ts';

/**
 * A local timing of the inbox route (issue 20's "cost per row"): `npx tsx bench/inbox-rows.ts
 * [requests] [query…]`. Grows a database to that many requests of MDT (bench/big-database.ts),
 * gives them what real requests carry (a description of some 1,500 characters, a citizen's name,
 * document, email and phone), then times pages of 50 of the inbox, in process (no HTTP), and
 * prints the median and 90th percentile per query and the size of a page. Figures, not a test.
 */
const total = Number(process.argv[2] ?? 100_000);
const queries = process.argv.slice(3).length
  ? process.argv.slice(3)
  : ['sort=due', 'sort=due&view=row', '', 'view=row', 'status=closed', 'status=closed&view=row'];
const token = `cc_${'b'.repeat(43)}`;

const t = await startTestServices();
try {
  growDatabase(t.databasePath, total, token);
  const db = new Database(t.databasePath, { timeout: 10_000 });
  db.exec(`UPDATE requests SET anonymous = 0, subject = 'Asunto de la solicitud ' || id,
             description = printf('%.1500c', 'x') || id, document_type = 'cedula',
             document_number = printf('%010d', id), first_name = 'Nombre' || id, last_name = 'Apellido' || id,
             name_key = 'apellido' || id || ' nombre' || id,
             email = 'persona' || id || '@example.org', phone = '+593 99 ' || id, response_channel = 'email'
           WHERE tracking_hash LIKE 'bench:%'`);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  for (const query of queries) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 220; i++) {
      const start = performance.now();
      const response = await t.app.request(`/api/v1/institutions/MDT/requests?limit=50&${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${query}: ${response.status} ${body}`);
      if (i >= 20) times.push(performance.now() - start);
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(2);
    console.log(`${query || '(newest)'}\tmedian ${at(0.5)} ms\tp90 ${at(0.9)} ms\t${bytes} bytes`);
  }
} finally {
  await t.close();
}
