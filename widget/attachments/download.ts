/**
 * A citizen's download of a file of their request (CONTRACT §6): the API wants the tracking code
 * in `X-Tracking-Code`, and a code must never go in a URL (proxy and history logs keep URLs), so
 * a plain link cannot do: the file is fetched with the header, then handed to the browser as a
 * blob download under its own name. Nothing is opened inline.
 */
export async function downloadAttachment(
  api: string,
  file: { url: string; name: string },
  trackingCode: string,
  doc: Document = document,
): Promise<void> {
  const response = await fetch(`${api}${file.url}`, { headers: { 'X-Tracking-Code': trackingCode } });
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = href;
  link.download = file.name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob once the click's task ran.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
