import { typescriptSources } from '../../support/source-files';

/** Table and view references spelled as text (`d.table('commerce.sales')`) or as text dependencies of a view. */
function textReferences(text: string): string[] {
  return [...text.matchAll(/\bd\.table\(\s*['"`][^)]*\)|\bdependsOn:\s*\[\s*['"`][^\]]*\]/g)].map((m) => m[0]);
}

describe('queries name tables and views by their definitions', () => {
  test('no query in functions/ or shared/ spells a table or view id as text', () => {
    const found = typescriptSources('functions', 'shared').flatMap(({ file, text }) => textReferences(text).map((ref) => `${file}: ${ref}`));
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
