import { type Route, route } from '@shared/http/route';
import { MAX_PATH_LENGTH, RouteTable } from '@shared/http/route-table';

const handle = async () => ({ body: {} });
const at = (method: Route['method'], path: string) => route({ method, path, access: 'public', summary: `${method} ${path}`, handle });

const routes = [
  at('GET', '/api/things/:id'),
  at('GET', '/api/things/stats'),
  at('POST', '/api/things/:id/notes'),
  at('GET', '/api/things/:id/notes'),
  at('POST', '/api/things/archive/notes'),
  at('DELETE', '/api/things/:id'),
];

describe('RouteTable', () => {
  // The same routes in both orders: which route answers must not depend on the order of declaration.
  const tables = [new RouteTable(routes), new RouteTable([...routes].reverse())];

  test.each([
    ['GET', '/api/things/stats', 'GET /api/things/stats', {}],
    ['GET', '/api/things/t-1', 'GET /api/things/:id', { id: 't-1' }],
    ['HEAD', '/api/things/stats', 'GET /api/things/stats', {}],
    ['POST', '/api/things/archive/notes', 'POST /api/things/archive/notes', {}],
    ['GET', '/api/things/archive/notes', 'GET /api/things/:id/notes', { id: 'archive' }],
    ['GET', '/api/things/a%2Fb/notes/', 'GET /api/things/:id/notes', { id: 'a/b' }],
    ['GET', '/api/things/%73tats?x=1', 'GET /api/things/stats', {}],
    ['GET', 'http://shop.example/api/things/t%C3%A9', 'GET /api/things/:id', { id: 'té' }],
  ])('%s %s → %s %j, whatever the order of declaration', (method, target, expected, params) => {
    for (const table of tables) {
      const found = table.lookup(method, target);
      if (!('match' in found)) throw found.error;
      expect(found.match.route.summary).toBe(expected);
      expect(found.match.params).toEqual(params);
    }
  });

  test.each([
    ['GET', '/api/things/%ZZ', 400, 'MALFORMED_PATH'],
    ['GET', '/api/nowhere/%E0%A4%A', 400, 'MALFORMED_PATH'],
    ['GET', '/api/things', 404, 'NOT_FOUND'],
    ['GET', '/api/things//notes', 404, 'NOT_FOUND'],
    ['PUT', '/api/things/t-1', 405, 'METHOD_NOT_ALLOWED'],
  ])('%s %s → %i %s', (method, target, status, code) => {
    const found = tables[0].lookup(method, target);
    if (!('error' in found)) throw new Error(`matched ${found.match.route.path}`);
    expect(found.error).toMatchObject({ status, code });
  });

  test('a path over MAX_PATH_LENGTH → 414 URI_TOO_LONG', () => {
    const found = tables[0].lookup('GET', `/api/things/${'a'.repeat(MAX_PATH_LENGTH)}`);
    expect('error' in found && found.error).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
  });

  test('a 405 lists every method the path answers in Allow', () => {
    const found = tables[1].lookup('PATCH', '/api/things/t-1');
    expect('error' in found && found.error.options.headers).toEqual({ Allow: 'DELETE, GET, HEAD, OPTIONS' });
  });

  test('two routes that would answer the same requests are refused when the table is built', () => {
    expect(() => new RouteTable([at('GET', '/api/things/:id'), at('GET', '/api/things/:thingId')])).toThrow(/answer the same requests/);
  });
});
