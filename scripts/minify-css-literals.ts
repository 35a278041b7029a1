import { transform } from 'lightningcss';
import type { Plugin } from 'vite';

// The browsers the build's `es2022` target means: left to itself, Lightning CSS writes the newest
// syntax (media query ranges, which Safari reads only from 16.4 on).
const version = (major: number, minor = 0) => (major << 16) | (minor << 8);
const TARGETS = {
  chrome: version(94),
  edge: version(94),
  firefox: version(93),
  safari: version(15, 4),
  ios_saf: version(15, 4),
};

/**
 * Minifies the CSS in Lit's css`…` literals of `*.styles.ts` files with Lightning CSS (what Vite
 * minifies stylesheets with): the bundler leaves the text of template literals as it is, comments
 * and indentation included, and the styles are a good part of the entry a phone downloads before
 * the first question.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'minify-css-literals',
    apply: 'build',
    transform: {
      filter: { id: /\.styles\.ts$/ },
      handler(code, id) {
        const minified = code.replace(/\bcss`([^`]*)`/g, (_, css: string) => {
          if (css.includes('${') || css.includes('\\')) {
            this.error(`${id}: a css\`\` literal with \${} or a backslash is left to a real parser`);
          }
          const result = transform({ filename: id, code: Buffer.from(css), minify: true, targets: TARGETS });
          const minifiedCss = result.code.toString();
          // Back into a template literal: it must not have gained what a template literal reads.
          if (/[`\\]|\$\{/.test(minifiedCss)) this.error(`${id}: the minified CSS needs escaping`);
          return `css\`${minifiedCss}\``;
        });
        // Only the text of the literals changes: no mappings worth keeping for a stylesheet.
        return { code: minified, map: { mappings: '' } };
      },
    },
  };
}
