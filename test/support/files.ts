import sharp from 'sharp';

/**
 * Files for the attachment tests, made here rather than kept as binaries: a PDF of any size, and
 * a phone photo whose EXIF says where it was taken (GPS) and how to turn it (orientation 6).
 */

/** A small valid PDF, padded with a comment to `size` bytes when asked. */
export function pdfBytes(size = 0, text = 'Contacto Ciudadano'): Buffer {
  const head = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n% ${text}\n`;
  const tail = 'trailer<</Root 1 0 R>>\n%%EOF\n';
  const padding = Math.max(0, size - head.length - tail.length);
  return Buffer.concat([Buffer.from(head), Buffer.alloc(padding, 0x25), Buffer.from(tail)]);
}

/** Quito, as a camera writes it. */
export const GPS = {
  GPSLatitudeRef: 'S',
  GPSLatitude: '0/1 13/1 0/1',
  GPSLongitudeRef: 'W',
  GPSLongitude: '78/1 30/1 0/1',
};

/** A JPEG 60×40 stored sideways (orientation 6: shown 40×60), with a camera make and a GPS position. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 40, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'TestCam' }, IFD3: GPS })
    .toBuffer();
}

/** Whether an EXIF block has a GPS directory (tag 0x8825, in either byte order). */
export function hasGpsIfd(exif: Buffer | undefined): boolean {
  return Boolean(
    exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))),
  );
}
