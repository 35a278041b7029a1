// Its own module, free of the dictionaries, so the widget's first chunk can use it and leave the
// messages to the lazy validation chunk.

/** Puts `params` into a template's `{name}` slots; a slot without a value stays visible as `{name}`. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
