import type { InStatement } from '@libsql/client';
import { str } from '../db/rows.ts';
import type { SecretBox } from '../domain/secret-box.ts';
import type { AppDatabase } from './index.ts';

/**
 * `npm run cli -- secrets rotate`: every value the database keeps sealed (domain/secret-box.ts)
 * that is not sealed with the current SECRET_KEY (sealed with SECRET_KEY_PREVIOUS, or plain from
 * before encryption) is opened and sealed again with the current key: the ALTCHA keys (settings),
 * webhook secrets, the tracking codes of idempotency replays, of unsent acknowledgements and those
 * requests keep for the answer's rating link (migration 010). Dead
 * and sent messages lose their tracking code instead.
 *
 * Each update names the old value (compare and set), so a row that changed meanwhile (a message
 * sent, a key purged) is left as it now is; running it again is harmless. Returns how many values
 * it sealed again, per kind.
 */
export async function rotateSecrets(db: AppDatabase, secrets: SecretBox) {
  const counts = { settings: 0, webhooks: 0, idempotency: 0, outbox: 0, erased: 0, requests: 0 };
  const reseal = (value: string) => secrets.seal(secrets.open(value));
  const statements: InStatement[] = [];

  for (const row of (await db.read.execute('SELECT key, value FROM settings')).rows) {
    const value = str(row, 'value');
    if (secrets.isCurrent(value)) continue;
    statements.push({
      sql: 'UPDATE settings SET value = ? WHERE key = ? AND value = ?',
      args: [reseal(value), str(row, 'key'), value],
    });
    counts.settings++;
  }
  for (const row of (await db.read.execute('SELECT id, secret FROM webhooks')).rows) {
    const secret = str(row, 'secret');
    if (secrets.isCurrent(secret)) continue;
    statements.push({
      sql: 'UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?',
      args: [reseal(secret), Number(row.id), secret],
    });
    counts.webhooks++;
  }
  for (const row of (await db.read.execute('SELECT institution, key, response FROM idempotency_keys')).rows) {
    const response = str(row, 'response');
    const receipt = JSON.parse(response) as { trackingCode?: unknown };
    if (typeof receipt.trackingCode !== 'string' || secrets.isCurrent(receipt.trackingCode)) continue;
    statements.push({
      sql: 'UPDATE idempotency_keys SET response = ? WHERE institution = ? AND key = ? AND response = ?',
      args: [
        JSON.stringify({ ...receipt, trackingCode: reseal(receipt.trackingCode) }),
        str(row, 'institution'),
        str(row, 'key'),
        response,
      ],
    });
    counts.idempotency++;
  }
  const outbox = await db.read.execute(
    `SELECT id, status, json_extract(payload, '$.trackingCode') AS code FROM outbox
     WHERE json_extract(payload, '$.trackingCode') IS NOT NULL`,
  );
  for (const row of outbox.rows) {
    const code = str(row, 'code');
    if (str(row, 'status') !== 'pending') {
      statements.push({
        sql: `UPDATE outbox SET payload = json_remove(payload, '$.trackingCode') WHERE id = ?`,
        args: [Number(row.id)],
      });
      counts.erased++;
      continue;
    }
    if (secrets.isCurrent(code)) continue;
    statements.push({
      sql: `UPDATE outbox SET payload = json_set(payload, '$.trackingCode', ?)
            WHERE id = ? AND json_extract(payload, '$.trackingCode') = ?`,
      args: [reseal(code), Number(row.id), code],
    });
    counts.outbox++;
  }
  const kept = await db.read.execute(
    'SELECT id, tracking_code_sealed AS code FROM requests WHERE tracking_code_sealed IS NOT NULL',
  );
  for (const row of kept.rows) {
    const code = str(row, 'code');
    if (secrets.isCurrent(code)) continue;
    statements.push({
      sql: 'UPDATE requests SET tracking_code_sealed = ? WHERE id = ? AND tracking_code_sealed = ?',
      args: [reseal(code), Number(row.id), code],
    });
    counts.requests++;
  }
  if (statements.length) await db.writer.run('statements', statements);
  return counts;
}
