import { generateShop, type ShopShape } from '../../../../scripts/emulators/lightspeed/generate-shop';

const anchor = Date.parse('2026-03-01T12:00:00Z') / 1000;
const small: ShopShape = { seed: 7, sales: 3000, items: 120, categories: 12, days: 365, anchor };

describe('generated Lightspeed shop', () => {
  it('is identical for the same seed and clock, and different for another seed', () => {
    expect(generateShop(small)).toEqual(generateShop(small));
    expect(generateShop({ ...small, seed: 8 }).sales).not.toEqual(generateShop(small).sales);
  });

  it('builds the default two-year shop', () => {
    const shop = generateShop({ seed: 1, sales: 20_000, items: 400, categories: 12, days: 730, anchor });
    expect(shop.sales).toHaveLength(20_000);
    expect(shop.items).toHaveLength(400);
    expect(shop.categories).toHaveLength(12);
  });

  it('prices every sale like Lightspeed: 8.25% tax on the discounted subtotal, total = subtotal - discount + tax', () => {
    for (const sale of generateShop(small).sales) {
      const subtotal = sale.lines.reduce((sum, line) => sum + line.unitQuantity * line.unitPriceCents, 0);
      expect(sale.subtotalCents).toBe(subtotal);
      expect(sale.tax1Cents).toBe(Math.round((subtotal - sale.discountCents) * 0.0825 + 1e-9));
      expect(sale.totalCents).toBe(subtotal - sale.discountCents + sale.tax1Cents);
    }
  });

  it('sells only items that existed and were not archived yet, with ids growing over time', () => {
    const shop = generateShop(small);
    const items = new Map(shop.items.map((item) => [item.itemID, item]));
    shop.sales.forEach((sale, i) => {
      expect(sale.saleID).toBe(i + 1);
      if (i > 0) expect(sale.createTime).toBeGreaterThanOrEqual(shop.sales[i - 1]!.createTime);
      expect(sale.createTime).toBeGreaterThanOrEqual(anchor - 365 * 86_400);
      expect(sale.timeStamp).toBeLessThanOrEqual(anchor);
      for (const line of sale.lines) {
        const item = items.get(line.itemID)!;
        expect(item.createTime).toBeLessThanOrEqual(sale.createTime);
        if (item.archived) expect(item.timeStamp).toBeGreaterThan(sale.createTime);
      }
    });
  });

  it('has the mix a sync must cope with: open, voided, archived, late-updated and same-second sales', () => {
    const { sales, items, categories } = generateShop(small);
    const share = (predicate: (s: (typeof sales)[number]) => boolean): number => sales.filter(predicate).length / sales.length;
    expect(share((s) => s.completed && !s.voided)).toBeGreaterThan(0.93);
    expect(share((s) => !s.completed)).toBeGreaterThan(0.01);
    expect(share((s) => s.voided)).toBeGreaterThan(0.005);
    expect(share((s) => s.archived)).toBeGreaterThan(0);
    expect(share((s) => s.completeTime !== null && s.timeStamp > s.completeTime + 3600)).toBeGreaterThan(0.02);
    const stamps = sales.map((s) => s.timeStamp);
    expect(new Set(stamps).size).toBeLessThan(stamps.length);
    expect(items.filter((i) => i.archived).length).toBeGreaterThan(0);
    expect(items.filter((i) => i.archived).every((i) => i.shops.every((shop) => shop.qoh === 0))).toBe(true);
    expect(categories.map((c) => c.fullPathName)).toEqual(expect.arrayContaining(['Flower', 'Edibles/Gummies', 'Vapes/Cartridges']));
  });
});
