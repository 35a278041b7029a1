// The analyzer reads Lit's `static properties`, but lists internal state (`state: true`) as
// attributes too. Keep only the public ones: those are what webmasters' tools should offer.
export default {
  globs: ['widget/contacto-ciudadano.ts'],
  outdir: 'dist/widget',
  litelement: true,
  plugins: [
    {
      name: 'public-attributes-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            const isPrivate = new Set(
              (declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name),
            );
            declaration.attributes = (declaration.attributes ?? []).filter(
              (a) => !isPrivate.has(a.fieldName ?? a.name),
            );
            declaration.members = (declaration.members ?? []).filter(
              (m) => m.privacy !== 'private' && !m.name.startsWith('#'),
            );
          }
        }
      },
    },
  ],
};
