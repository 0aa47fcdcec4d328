import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { route } from '@shared/http/route';
import { generatedFiles } from '../../../scripts/generated';
import { apiTable } from '../../../scripts/readme/api-table';
import { generatedReadme } from '../../../scripts/readme/readme';
import { sectionMarkers, withSection } from '../../../scripts/readme/sections';
import { routeCatalog } from '../../../scripts/routes/catalog';
import { staleFiles } from '../../../scripts/terraform/generated-files';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const catalog = routeCatalog();

describe('the README API table', () => {
  test('is up to date with the routes the functions serve (otherwise run npm run generate and commit README.md)', () => {
    expect(staleFiles(root, { 'README.md': generatedFiles(root)['README.md'] })).toEqual([]);
  });

  test('has one row per route, with who may call it, its limit and its input', () => {
    const table = apiTable(catalog);
    for (const { routes } of catalog) {
      for (const r of routes) expect(table).toContain(`| \`${r.method} ${r.path}\` |`);
    }
    expect(table).toContain('| `GET /api/memberships/discount/:customerId` | the customer `:customerId`, or admin | api | query `subtotal` |');
    expect(table).toContain('| `GET /health` | anyone | health | — |');
    expect(table).toContain('| `PUT /api/memberships/:customerId/upgrade` | the customer `:customerId`, or admin | api + 30 per 600 s | body `tier`, `paymentMethod?` |');
  });

  test('goes stale when a route is added', () => {
    const [first, ...rest] = catalog;
    const extra = route({ method: 'GET', path: `${first.prefixes[0]}/probe`, access: 'admin', summary: 'A route only this test adds', handle: async () => ({ body: {} }) });
    const changed = withSection(readme, 'api-routes', apiTable([{ ...first, routes: [...first.routes, extra] }, ...rest]));
    expect(changed).not.toBe(readme);
    expect(changed).toContain('A route only this test adds');
    expect(generatedReadme(changed)).toBe(readme);
  });

  test('refuses a README whose markers are gone rather than appending a second table', () => {
    const { start } = sectionMarkers('api-routes');
    expect(() => generatedReadme(readme.replace(start, ''))).toThrow(/markers of the generated section api-routes are missing/);
  });
});
