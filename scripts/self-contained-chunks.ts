import { basename, dirname, extname, resolve } from 'node:path';
import { type BuildEnvironmentOptions, build, type Plugin, type Rolldown } from 'vite';

/**
 * Bundles each of `modules` on its own, with its own copy of whatever it imports, and emits it as
 * `chunks/<name>-<hash>.js` beside the main build's entry, whose dynamic `import()` of the module
 * then loads that file.
 *
 * Why: Rolldown puts a module that the entry and a lazy chunk both import in a third, shared chunk
 * that the entry imports statically (rolldown/rolldown#10731; Rollup would leave it in the entry),
 * so the browser can only ask for it once the entry has arrived: one more round trip before the
 * first question. The lazy code that has no need to share the entry's instances (the validation,
 * the captcha solvers: pure functions, no Lit) is bundled apart instead, and the few helpers it has
 * in common with the entry (a `fill`, a few constants) are simply in both.
 *
 * `options` are the build options the nested builds share with the main one (output folder, target,
 * minification, tree-shaking). Only modules of the entry itself may import these chunks: the path
 * written into the `import()` is relative to the entry.
 */
export function selfContainedChunks(modules: string[], options: BuildEnvironmentOptions): Plugin {
  const chunks = new Map<string, string>();
  let root = process.cwd();
  return {
    name: 'self-contained-chunks',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async buildStart() {
      chunks.clear();
      for (const module of modules) {
        const input = resolve(root, module);
        const name = basename(input, extname(input));
        const result = (await build({
          configFile: false,
          root,
          logLevel: 'warn',
          build: {
            ...options,
            write: false,
            lib: { entry: input, formats: ['es'], fileName: () => `chunks/${name}-[hash].js` },
          },
        })) as Rolldown.RolldownOutput[];
        for (const file of result.flatMap((output) => output.output)) {
          if (file.type === 'asset') {
            this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
            continue;
          }
          if (file.imports.length > 0)
            this.error(`${module} must bundle into one file: it imports ${file.imports}`);
          this.emitFile({
            type: 'prebuilt-chunk',
            fileName: file.fileName,
            code: file.code,
            exports: file.exports,
            ...(file.map ? { map: file.map } : {}),
          });
          chunks.set(input, file.fileName);
        }
      }
    },
    resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string' || !importer) return null;
      const fileName = chunks.get(resolve(dirname(importer), specifier));
      return fileName ? { id: `./${fileName}`, external: true } : null;
    },
    generateBundle(_, bundle) {
      const ours = new Set([...chunks.values()].map((fileName) => `./${fileName}`));
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || file.isEntry) continue;
        const wrong = file.dynamicImports.filter((id) => ours.has(id));
        if (wrong.length > 0) this.error(`${file.fileName} imports ${wrong}: only the entry's modules may`);
      }
    },
  };
}
