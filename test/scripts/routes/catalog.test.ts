import * as ff from '@google-cloud/functions-framework';
import { route } from '@shared/http/route';
import { createHttpHandler } from '@shared/http/router';
import { FUNCTIONS, type FunctionSpec, functionForPath } from '@shared/manifest';
import { type FunctionRoutes, httpFunction, placementProblems, routeCatalog } from '../../../scripts/routes/catalog';

const catalog = routeCatalog();
const handle = async () => ({ body: {} });

describe('the route catalog', () => {
  test('lists every HTTP function of the manifest, each with the routes its registered handler serves', () => {
    const httpFunctions = FUNCTIONS.filter((f) => f.trigger.kind === 'http').map((f) => f.name);
    expect(catalog.map((c) => c.spec.name)).toEqual(httpFunctions);
    for (const { routes } of catalog) {
      expect(routes.length).toBeGreaterThan(0);
      for (const r of routes) expect(r.summary.length).toBeGreaterThan(10);
    }
  });

  test('every route lies under its manifest prefix, every prefix has a route, health counts apart', () => {
    expect(placementProblems(catalog, functionForPath)).toEqual([]);
  });

  const ops = catalog.find((c) => c.spec.name === 'ops') as FunctionRoutes;
  const stray = (path: string, limitClass?: 'health') => ({
    ...ops,
    routes: [...ops.routes, route({ method: 'GET', path, access: 'public', summary: 'A route in the wrong place', limitClass, handle })],
  });
  const extraPrefix: FunctionSpec = { ...ops.spec, trigger: { kind: 'http', paths: [...ops.prefixes, '/api/ops-extra'] } };

  test.each<[string, FunctionRoutes, RegExp]>([
    ['a route outside every prefix of its function', stray('/api/elsewhere'), /GET \/api\/elsewhere \(ops\) is under none of/],
    ['a route under a longer prefix another function serves', stray('/health/age-verification/extra', 'health'), /is reached by age-verification/],
    ['a prefix no route serves', { ...ops, spec: extraPrefix, prefixes: [...ops.prefixes, '/api/ops-extra'] }, /prefix \/api\/ops-extra of ops has no route/],
    ['a health path in the API limit class', stray('/health/ops-extra'), /must count in the health limit class/],
  ])('reports %s', (_label, changed, problem) => {
    const problems = placementProblems([changed, ...catalog.filter((c) => c.spec.name !== 'ops')], functionForPath);
    expect(problems).toEqual([expect.stringMatching(problem)]);
  });

  test.each<[string, ff.HttpFunction, RegExp]>([
    ['a plain function, whose routes cannot be listed', (_req, res) => void res.end(), /not served by createHttpHandler/],
    ['the handler made for another function', createHttpHandler({ name: 'ops', routes: [...ops.routes] }), /registers the handler of ops/],
  ])('refuses %s', (_label, handler, problem) => {
    ff.http('catalog-probe', handler);
    expect(() => httpFunction('catalog-probe')).toThrow(problem);
  });
});
