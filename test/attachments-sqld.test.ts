import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valid } from './fixtures/requests.ts';
import { hasGpsIfd, jpegWithGps, pdfBytes } from './support/files.ts';
import { startTestServices, type TestServices } from './support/services.ts';
import { startSqld } from './support/sqld.ts';

// Attachments on a libSQL server (decision 048): the chunks go through @libsql/client over HTTP,
// as blobs in and ArrayBuffers out, with the same code as on an embedded file.
let sqld: Awaited<ReturnType<typeof startSqld>>;
let t: TestServices;
beforeAll(async () => {
  sqld = await startSqld();
  t = await startTestServices({ DATABASE_URL: sqld.url });
});
afterAll(async () => {
  await t?.close();
  await sqld?.stop();
});

const upload = async (bytes: Uint8Array, name: string) => {
  const res = await t.app.request('/api/v1/institutions/MDT/uploads', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${name}"`,
    },
    body: bytes as unknown as BodyInit,
  });
  expect(res.status).toBe(201);
  return (await res.json()).id as string;
};

describe('attachments on a libSQL server (sqld over HTTP)', () => {
  it('stores a file of several chunks and a cleaned photo, and serves them back to staff and the citizen', async () => {
    const pdf = pdfBytes(700 * 1024, 'sqld');
    const pdfId = await upload(pdf, 'grande.pdf');
    const photoId = await upload(await jpegWithGps(), 'foto.jpg');
    const receipt = await (
      await t.file('MDT', { ...valid.mdtComplaint.body, attachments: [pdfId, photoId] })
    ).json();
    const token = await t.staffToken('MDT');
    const staff = await t.app.request(
      `/api/v1/institutions/MDT/requests/${receipt.ticket}/attachments/${pdfId}`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(Buffer.from(await staff.arrayBuffer()).equals(pdf)).toBe(true);
    const photo = await t.app.request(`/api/v1/requests/${receipt.ticket}/attachments/${photoId}`, {
      headers: { 'X-Tracking-Code': receipt.trackingCode },
    });
    const metadata = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect(metadata.format).toBe('jpeg');
    expect(hasGpsIfd(metadata.exif)).toBe(false);
    expect(metadata.exif).toBeUndefined();
  });
});
