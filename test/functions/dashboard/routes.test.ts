import { lightspeedProducts } from '@shared/warehouse/schema/lightspeed';
import { squareItems } from '@shared/warehouse/schema/square';
import { tokenFor } from '../../support/runtime';
import { type CountingWarehouse, type DashboardServer, createDashboardRuntime, serveDashboard } from './support';

describe('dashboard routes: input, access and the catalog', () => {
  let rt: ReturnType<typeof createDashboardRuntime>['rt'];
  let warehouse: CountingWarehouse;
  let server: DashboardServer;
  let customer: string;

  beforeAll(async () => {
    ({ rt, warehouse } = createDashboardRuntime());
    server = await serveDashboard(rt);
    customer = await tokenFor(rt, 'C42', 'customer');
  });

  afterAll(async () => {
    await server.close();
    await rt.warehouse.close();
  });

  describe('invalid query parameters get 400 naming the field, before any warehouse query', () => {
    it.each([
      ['/api/bigquery/historical?period=weekly', 'period'],
      ['/api/bigquery/historical?days=0', 'days'],
      ['/api/bigquery/historical?days=abc', 'days'],
      ['/api/bigquery/historical?days=2.5', 'days'],
      ['/api/bigquery/historical?period=monthly&days=99999', 'days'],
      ['/api/bigquery/products?all=yes', 'all'],
      ['/api/square/catalog?all=1', 'all'],
    ])('GET %s → field %s', async (path, field) => {
      const before = warehouse.queries;
      const res = await server.get(path);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'VALIDATION_ERROR', details: { field } });
      expect(res.body.error).toContain(field);
      expect(warehouse.queries).toBe(before);
    });

    it('POST cache/invalidate with an unknown scope → field scope', async () => {
      const res = await server.post('/api/bigquery/cache/invalidate', { scope: 'everything' });
      expect(res.status).toBe(400);
      expect(res.body.details.field).toBe('scope');
    });
  });

  describe('revenue is staff data; the catalog is for any signed-in caller', () => {
    it.each<[string, 'GET' | 'POST', 'none' | 'customer' | 'admin', number]>([
      ['/api/bigquery/dashboard', 'GET', 'none', 401],
      ['/api/bigquery/dashboard', 'GET', 'customer', 403],
      ['/api/bigquery/historical', 'GET', 'customer', 403],
      ['/api/bigquery/cache-stats', 'GET', 'customer', 403],
      ['/api/bigquery/cache/invalidate', 'POST', 'customer', 403],
      ['/api/square/transactions', 'GET', 'customer', 403],
      ['/api/bigquery/products', 'GET', 'none', 401],
      ['/api/square/catalog', 'GET', 'none', 401],
      ['/api/bigquery/products', 'GET', 'customer', 200],
      ['/api/bigquery/dashboard', 'GET', 'admin', 200],
    ])('%s %s as %s → %i', async (path, method, who, status) => {
      const token = who === 'none' ? '' : who === 'customer' ? customer : undefined;
      const res = method === 'GET' ? await server.get(path, token) : await server.post(path, {}, token);
      expect(res.status).toBe(status);
    });
  });

  describe('GET /api/bigquery/products', () => {
    const at = '2026-03-01T00:00:00.000Z';
    const variation = (id: string, fields: Partial<typeof squareItems.row>): typeof squareItems.row => ({
      id,
      item_id: `item-${id}`,
      name: `Item ${id}`,
      variation_name: 'Regular',
      category: 'Gummies',
      category_id: 'cat-1',
      sku: `SKU-${id}`,
      price_cents: 1999,
      currency: 'USD',
      available: true,
      is_deleted: false,
      version: 1,
      updated_at: at,
      ...fields,
    });

    beforeAll(async () => {
      await warehouse.upsert(squareItems, [
        variation('a', { name: 'Apple Gummies', price_cents: 1999 }),
        variation('b', { name: 'Berry Tincture', price_cents: 500, available: false }),
        variation('c', { name: 'Cherry Pre-roll', price_cents: null }),
        variation('d', { name: 'Discontinued', is_deleted: true, available: false }),
      ]);
      await warehouse.upsert(lightspeedProducts, [
        { id: '101', name: 'Delta-8 Vape', description: null, category: 'Vapes', sku: '4001', price_cents: 3450, cost_cents: 1200, avg_cost_cents: 1200, quantity: 4, is_archived: false, created_at: at, updated_at: at },
        { id: '102', name: 'Old Vape', description: null, category: 'Vapes', sku: '4002', price_cents: 2000, cost_cents: 900, avg_cost_cents: 900, quantity: 0, is_archived: true, created_at: at, updated_at: at },
      ]);
      await server.post('/api/bigquery/cache/invalidate', {});
    });

    it('lists available items of both sources with dollar prices, and says top sellers cannot be ranked yet', async () => {
      const res = await server.get('/api/bigquery/products', customer);
      expect(res.status).toBe(200);
      expect(res.body.products.map((p: { name: string; price: number | null; source: string }) => [p.source, p.name, p.price])).toEqual([
        ['square', 'Apple Gummies', 19.99],
        ['square', 'Cherry Pre-roll', null],
        ['lightspeed', 'Delta-8 Vape', 34.5],
      ]);
      expect(res.body.count).toBe(3);
      expect(res.body.topSellers).toEqual([]);
      expect(res.body.topSellersStatus).toMatchObject({ available: false, windowDays: 30 });
      expect(res.body.topSellersStatus.reason).toMatch(/line items/);
      expect(res.body.mode).toBe('live');
    });

    it('?all=true adds unavailable and archived items but never deleted ones', async () => {
      const res = await server.get('/api/bigquery/products?all=true', customer);
      expect(res.body.products.map((p: { name: string; available: boolean }) => [p.name, p.available])).toEqual([
        ['Apple Gummies', true],
        ['Berry Tincture', false],
        ['Cherry Pre-roll', true],
        ['Delta-8 Vape', true],
        ['Old Vape', false],
      ]);
    });
  });
});
