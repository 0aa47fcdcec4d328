import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Table and view references spelled as text (`d.table('commerce.sales')`) or as text dependencies of a view. */
function textReferences(text: string): string[] {
  return [...text.matchAll(/\bd\.table\(\s*['"`][^)]*\)|\bdependsOn:\s*\[\s*['"`][^\]]*\]/g)].map((m) => m[0]);
}

describe('queries name tables and views by their definitions', () => {
  test('no query in functions/ or shared/ spells a table or view id as text', () => {
    const found = ['functions', 'shared']
      .flatMap((dir) => typescriptFiles(join(ROOT, dir)))
      .flatMap((file) => textReferences(readFileSync(file, 'utf8')).map((ref) => `${relative(ROOT, file)}: ${ref}`));
    expect(found).toEqual([]);
  });

  test.each([
    ["FROM ${d.table('commerce.sales')}", 1],
    ['FROM ${d.table("ops.sync_runs")} AS r', 1],
    ["dependsOn: ['commerce.membership_events'],", 1],
    ['FROM ${d.table(salesView)} JOIN ${d.table(syncRuns)}', 0],
    ['dependsOn: [membershipEvents.id],', 0],
  ])('the check itself: %s → %i finding(s)', (snippet, expected) => {
    expect(textReferences(snippet)).toHaveLength(expected);
  });
});
