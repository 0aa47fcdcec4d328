import { SOURCE_NAMES } from '@shared/sources/registry';
import { typescriptSources } from '../../support/source-files';

/** Where connectors are put together (the registry, their sessions, their webhook providers and appliers); the only files outside a connector that may import one. */
const ASSEMBLY = new Set(['shared/sources/registry.ts', 'shared/sources/sessions.ts', 'shared/sources/webhook-providers.ts', 'shared/sources/webhook-appliers.ts']);

/** Code without comments: prose may mention a source. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

/**
 * Where a file names a source outside its connector: the name as a whole string literal (a value compared, sent or
 * selected as `'square' AS source`), or an import from a connector's folder. Table names such as square_payments and
 * identifiers in prose are not source ids.
 */
function namings(file: string, text: string): string[] {
  const found: string[] = [];
  const body = code(text);
  for (const name of SOURCE_NAMES) {
    for (const match of body.matchAll(new RegExp(`(['"\`])${name}\\1`, 'g'))) found.push(`${file}: the literal ${match[0]}`);
    if (!ASSEMBLY.has(file)) {
      for (const match of body.matchAll(new RegExp(`from\\s+['"][^'"]*sources/${name}/[^'"]*['"]`, 'g'))) found.push(`${file}: ${match[0]}`);
    }
  }
  return found;
}

describe('no code outside a connector names a source', () => {
  const sources = typescriptSources('functions', 'shared').filter(({ file }) => !SOURCE_NAMES.some((name) => file.startsWith(`shared/sources/${name}/`)));

  test('functions/ and shared/, outside shared/sources/<source>/, neither spell a source id nor import a connector', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.flatMap(({ file, text }) => namings(file, text))).toEqual([]);
  });

  test.each([
    ["if (source === 'square') return 1;", 1],
    ['SELECT \'lightspeed\' AS source FROM t', 1],
    ["import { squareConnector } from '@shared/sources/square/connector';", 1],
    ['z.enum(["square", "lightspeed"])', 2],
    ["FROM commerce.square_payments WHERE x = 'squared' // the 'square' source", 0],
    ['/** Square and Lightspeed, e.g. `square` */ const table = squarePayments;', 0],
  ])('the check itself: %s → %i finding(s)', (snippet, expected) => {
    expect(namings('functions/example.ts', snippet)).toHaveLength(expected);
  });
});
