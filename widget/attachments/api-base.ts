/**
 * The API base of the element an event happened in, for the lazy pieces, which the element does
 * not hand it to (passing it would add to the entry script, decision 036): its `api` attribute,
 * else the origin the scripts came from, as api-client.ts's apiBase does.
 */
export function apiOf(node: Node | null): string {
  const root = node?.getRootNode();
  const host = root instanceof ShadowRoot ? (root.host as HTMLElement & { api?: string }) : null;
  return (host?.api || new URL(import.meta.url).origin).replace(/\/+$/, '');
}
