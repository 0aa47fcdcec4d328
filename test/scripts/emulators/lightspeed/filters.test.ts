import { formatTime } from '../../../../scripts/emulators/lightspeed/format';
import { startLightspeedEmulator, type LightspeedEmulator } from '../../../../scripts/emulators/lightspeed/index';
import { ROOMY_BUCKET, apiKeyAuth, apiUrl, asList, followAll, getJson, manualClock, type Served } from './helpers';

describe('Lightspeed emulator filters', () => {
  let emulator: LightspeedEmulator;
  let auth: Record<string, string>;

  beforeAll(async () => {
    emulator = await startLightspeedEmulator({ sales: 1500, items: 80, days: 120, now: manualClock().now, bucket: ROOMY_BUCKET });
    auth = apiKeyAuth(emulator);
  });
  afterAll(() => emulator.close());

  const liveSales = () => emulator.store.sales.filter((sale) => !sale.archived);
  const saleIds = async (query: string): Promise<number[]> =>
    (await followAll(apiUrl(emulator, `Sale.json?sort=timeStamp&${query}`), auth, 'Sale')).records.map((s) => Number(s.saleID));
  const expectedIds = (keep: (timeStamp: number) => boolean): number[] =>
    liveSales()
      .filter((sale) => keep(sale.timeStamp))
      .sort((a, b) => a.timeStamp - b.timeStamp || a.saleID - b.saleID)
      .map((sale) => sale.saleID);
  // A stamp shared by several sales, so strict and inclusive bounds really differ.
  const tiedStamp = (): number => {
    const counts = new Map<number, number>();
    for (const sale of liveSales()) counts.set(sale.timeStamp, (counts.get(sale.timeStamp) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([t]) => t)[5]!;
  };
  const op = (operator: string, ...values: string[]) => `timeStamp=${encodeURIComponent(`${operator},${values.join(',')}`)}`;

  it.each([
    ['>', (t: number, x: number) => t > x],
    ['>=', (t: number, x: number) => t >= x],
    ['<', (t: number, x: number) => t < x],
    ['<=', (t: number, x: number) => t <= x],
    ['=', (t: number, x: number) => t === x],
  ])('timeStamp %s filters on the last-modified time, exactly at the boundary', async (operator, keep) => {
    const x = tiedStamp();
    expect(await saleIds(op(operator, formatTime(x)))).toEqual(expectedIds((t) => keep(t, x)));
  });

  it('supports the between operator (inclusive) and Lightspeed\'s encoded form %3E%3C%2C', async () => {
    const x = tiedStamp();
    const y = x + 5 * 86_400;
    const raw = `timeStamp=%3E%3C%2C${encodeURIComponent(formatTime(x))}%2C${encodeURIComponent(formatTime(y))}`;
    expect(await saleIds(raw)).toEqual(expectedIds((t) => t >= x && t <= y));
  });

  it('reads the offset of the filter time (-00:00, Z, -0400) and tolerates an unencoded +', async () => {
    const x = tiedStamp();
    const iso = new Date(x * 1000).toISOString().slice(0, 19);
    const central = new Date((x - 4 * 3600) * 1000).toISOString().slice(0, 19);
    const expected = expectedIds((t) => t > x);
    expect(await saleIds(op('>', `${iso}-00:00`))).toEqual(expected);
    expect(await saleIds(op('>', `${iso}Z`))).toEqual(expected);
    expect(await saleIds(op('>', `${central}-0400`))).toEqual(expected);
    expect(await saleIds(`timeStamp=%3E%2C${iso}+00:00`)).toEqual(expected);
  });

  it('answers a malformed date with 400 and Lightspeed\'s error body', async () => {
    const { status, body } = await getJson(apiUrl(emulator, `Sale.json?${op('>', 'yesterday')}`), auth);
    expect(status).toBe(400);
    expect(body).toMatchObject({ httpCode: '400', httpMessage: 'Bad Request' });
    expect(body.message).toContain('timeStamp');
  });

  it('leaves archived records out by default; archived=true includes them, archived=only returns only them', async () => {
    const all = emulator.store.sales;
    const ids = async (archived?: string) =>
      (await followAll(apiUrl(emulator, `Sale.json${archived ? `?archived=${archived}` : ''}`), auth, 'Sale')).records.map((s) => Number(s.saleID));
    expect(await ids()).toEqual(all.filter((s) => !s.archived).map((s) => s.saleID));
    expect(await ids('true')).toEqual(all.map((s) => s.saleID));
    const archivedOnly = await ids('only');
    expect(archivedOnly.length).toBeGreaterThan(0);
    expect(archivedOnly).toEqual(all.filter((s) => s.archived).map((s) => s.saleID));

    const items = await followAll(apiUrl(emulator, 'Item.json?archived=only'), auth, 'Item');
    expect(items.records.map((i) => Number(i.itemID))).toEqual(emulator.store.items.filter((i) => i.archived).map((i) => i.itemID));
    expect(items.records.every((i) => i.archived === 'true')).toBe(true);
  });

  it('loads ItemShops (per-shop qoh plus the shopID 0 total), ItemECommerce and Category only when asked', async () => {
    const plain = await getJson(apiUrl(emulator, 'Item.json?limit=5'), auth);
    for (const item of plain.body.Item as Served[]) {
      expect(item).not.toHaveProperty('ItemShops');
      expect(item).not.toHaveProperty('ItemECommerce');
      expect(asList((item.Prices as { ItemPrice: Served[] }).ItemPrice)[0]).toMatchObject({ useType: 'Default' });
    }
    const relations = encodeURIComponent(JSON.stringify(['ItemShops', 'ItemECommerce', 'Category']));
    const { body } = await getJson(apiUrl(emulator, `Item.json?limit=20&load_relations=${relations}`), auth);
    for (const item of body.Item as Array<Record<string, any>>) {
      const truth = emulator.store.itemIndex.get(Number(item.itemID))!;
      const shops = asList(item.ItemShops.ItemShop) as Served[];
      const qohByShop = Object.fromEntries(shops.map((s) => [s.shopID, Number(s.qoh)]));
      for (const shop of truth.shops) expect(qohByShop[String(shop.shopID)]).toBe(shop.qoh);
      expect(qohByShop['0']).toBe(truth.shops.reduce((sum, s) => sum + s.qoh, 0));
      expect(item.ItemECommerce.longDescription).toBe(truth.longDescription);
      expect(item.Category.categoryID).toBe(String(truth.categoryID));
      expect(item.defaultCost).toBe(String(truth.defaultCostCents / 100));
    }
    const all = await getJson(apiUrl(emulator, 'Item.json?limit=1&load_relations=all'), auth);
    expect(all.body.Item).toHaveProperty('ItemShops');
    expect(all.body.Item).toHaveProperty('ItemECommerce');
  });

  it('serves categories with their tree paths', async () => {
    const { records } = await followAll(apiUrl(emulator, 'Category.json'), auth, 'Category');
    expect(records).toHaveLength(12);
    const gummies = records.find((c) => c.name === 'Gummies')!;
    expect(gummies).toMatchObject({ fullPathName: 'Edibles/Gummies', nodeDepth: '1' });
    expect(records.find((c) => c.categoryID === gummies.parentID)!.name).toBe('Edibles');
  });

  it('filters other fields with the same operators (IN, like)', async () => {
    const inList = await getJson(apiUrl(emulator, `Sale.json?saleID=${encodeURIComponent('IN,[3,5,8]')}`), auth);
    expect((inList.body.Sale as Served[]).map((s) => s.saleID)).toEqual(['3', '5', '8']);
    const like = await followAll(apiUrl(emulator, `Item.json?description=${encodeURIComponent('~,%gummies%')}`), auth, 'Item');
    expect(like.records.length).toBeGreaterThan(0);
    expect(like.records.every((i) => /gummies/i.test(String(i.description)))).toBe(true);
  });
});
