import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { AttachmentType } from '../schema/attachments.ts';

/** Bytes per stored chunk: small enough that one insert never holds the writer for long. */
export const CHUNK_BYTES = 256 * 1024;

/** The body in CHUNK_BYTES pieces; null as soon as it grows past maxBytes (the rest is discarded). */
export type Body = { chunks: Buffer[]; size: number } | null;

/** Gathers incoming pieces into CHUNK_BYTES chunks as they arrive: the file is held once, as chunks. */
class Chunker {
  readonly chunks: Buffer[] = [];
  #pending: Buffer[] = [];
  #pendingSize = 0;
  size = 0;

  push(piece: Buffer): void {
    this.size += piece.length;
    this.#pending.push(piece);
    this.#pendingSize += piece.length;
    while (this.#pendingSize >= CHUNK_BYTES) {
      const joined = Buffer.concat(this.#pending, this.#pendingSize);
      this.chunks.push(joined.subarray(0, CHUNK_BYTES));
      const rest = joined.subarray(CHUNK_BYTES);
      this.#pending = rest.length ? [Buffer.from(rest)] : [];
      this.#pendingSize = rest.length;
    }
  }

  end(): Buffer[] {
    if (this.#pendingSize) this.chunks.push(Buffer.concat(this.#pending, this.#pendingSize));
    this.#pending = [];
    return this.chunks;
  }
}

/**
 * Reads a Node request body, stopping as soon as it passes maxBytes. Events, as in the JSON body
 * middleware: leaving a `for await` early destroys the socket, and the client would see a reset
 * instead of the 413.
 */
export function readIncomingBody(incoming: IncomingMessage, maxBytes: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunker = new Chunker();
    const done = (result: Body, error?: unknown) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (piece: Buffer) => {
      if (chunker.size + piece.length <= maxBytes) return chunker.push(piece);
      done(null);
      incoming.resume();
    };
    const onEnd = () => done({ chunks: chunker.end(), size: chunker.size });
    const onError = (error: unknown) => done(null, error);
    incoming.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** The same over a web stream (tests' `app.request`, other runtimes). */
export async function readStreamBody(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Body> {
  const chunker = new Chunker();
  for await (const piece of source) {
    if (chunker.size + piece.byteLength > maxBytes) return null;
    chunker.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
  }
  return { chunks: chunker.end(), size: chunker.size };
}

/** What the bytes are, by their signature (file-type): never the name or the Content-Type. */
export async function sniffType(first: Buffer | undefined): Promise<string | null> {
  if (!first) return null;
  return (await fileTypeFromBuffer(first))?.mime ?? null;
}

/** A file ready to store: its chunks, size and hash as stored. */
export interface CleanFile {
  chunks: Buffer[];
  size: number;
  sha256: string;
}

function split(buffer: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += CHUNK_BYTES) chunks.push(buffer.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

/** Pixels an image may have: a "decompression bomb" of a small file could otherwise take gigabytes. */
const MAX_PIXELS = 50_000_000;

/**
 * Images are decoded and encoded again, without their metadata: EXIF (the camera, the time), GPS
 * (where the photo was taken: personal data), XMP and comments all go. The orientation EXIF gave is
 * applied to the pixels first, so the photo still stands the right way up. Decoding needs the
 * whole file, so an image is joined once here; its chunks are let go as soon as sharp has it. Other
 * files are stored as they came. Null: the bytes claim to be an image but do not decode as one.
 */
export async function cleanFile(
  type: AttachmentType,
  body: { chunks: Buffer[]; size: number },
): Promise<CleanFile | null> {
  if (type === 'image/jpeg' || type === 'image/png') {
    const whole = Buffer.concat(body.chunks, body.size);
    body.chunks.length = 0;
    let output: Buffer;
    try {
      const image = sharp(whole, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
      output = await (type === 'image/jpeg'
        ? image.jpeg({ quality: 88, mozjpeg: true })
        : image.png()
      ).toBuffer();
    } catch {
      return null;
    }
    return {
      chunks: split(output),
      size: output.length,
      sha256: createHash('sha256').update(output).digest('hex'),
    };
  }
  const hash = createHash('sha256');
  for (const chunk of body.chunks) hash.update(chunk);
  return { chunks: body.chunks, size: body.size, sha256: hash.digest('hex') };
}
