import { MalformedRecordError } from '@shared/sources/record-pages';
import {
  lightspeedCents,
  lightspeedItemToRow,
  lightspeedSaleToRow,
  lightspeedTimestamp,
} from '@shared/sources/lightspeed/rows';

/** A completed sale as GET /Sale.json returns it (shape and string values as in Lightspeed's documentation). */
const SALE = {
  saleID: '1013',
  timeStamp: '2021-06-06T15:19:18+00:00',
  discountPercent: '0',
  completed: 'true',
  archived: 'false',
  voided: 'false',
  enablePromotions: 'true',
  isTaxInclusive: 'false',
  createTime: '2021-06-06T15:18:34+00:00',
  updatetime: '2021-06-06T15:19:18+00:00',
  completeTime: '2021-06-06T15:19:18+00:00',
  referenceNumber: '',
  referenceNumberSource: '',
  tax1Rate: '0.0825',
  tax2Rate: '0',
  change: '0',
  calcDiscount: '0',
  calcTotal: '343.26',
  calcSubtotal: '317.1',
  calcTaxable: '317.1',
  calcNonTaxable: '0',
  calcAvgCost: '120.5',
  calcTax1: '26.16',
  calcTax2: '0',
  calcPayments: '343.26',
  total: '343.26',
  customerID: '0',
  employeeID: '1',
  registerID: '1',
  shopID: '1',
};

/** An item with its relations loaded as GET /Item.json?load_relations=["ItemShops","ItemECommerce"] returns it. */
const ITEM = {
  itemID: '42',
  systemSku: '210000000042',
  defaultCost: '8.5',
  avgCost: '8.512',
  archived: 'false',
  description: 'Delta-8 Gummies 25mg (20 ct)',
  customSku: 'GUM-0042',
  createTime: '2024-01-02T10:00:00+00:00',
  timeStamp: '2025-05-06T11:22:33+00:00',
  categoryID: '3',
  ItemShops: {
    ItemShop: [
      { itemShopID: '1', qoh: '12', shopID: '1' },
      { itemShopID: '2', qoh: '-1', shopID: '2' },
      { itemShopID: '100000042', qoh: '11', shopID: '0' },
    ],
  },
  ItemECommerce: { longDescription: 'Lab-tested hemp gummies. Adults 21+ only.', shortDescription: 'Gummies' },
  Prices: {
    ItemPrice: [
      { amount: '24.99', useTypeID: '1', useType: 'Default' },
      { amount: '29.99', useTypeID: '2', useType: 'MSRP' },
    ],
  },
};

describe('lightspeedCents', () => {
  test.each([
    ['317.1', 31710],
    ['280', 28000],
    ['0', 0],
    ['0.07', 7],
    ['-12.34', -1234],
    ['8.512', 851],
    ['8.515', 852],
    ['-8.515', -852],
    ['19.99', 1999],
    ['1000000.01', 100000001],
  ])('%s → %i cents', (value, cents) => {
    expect(lightspeedCents(value, 'amount')).toBe(cents);
  });

  test.each([[''], ['12,50'], ['abc'], [undefined], [12.5]])('%j is malformed', (value) => {
    expect(() => lightspeedCents(value, 'calcTotal', '9')).toThrow(MalformedRecordError);
  });
});

describe('lightspeedTimestamp', () => {
  test.each([
    ['2021-06-06T15:19:18+00:00', '2021-06-06T15:19:18.000Z'],
    ['2021-06-06T10:19:18-05:00', '2021-06-06T15:19:18.000Z'],
  ])('%s', (value, iso) => expect(lightspeedTimestamp(value, 'timeStamp')).toBe(iso));
});

describe('lightspeedSaleToRow', () => {
  test('maps a completed sale, amounts in cents and "0" ids as none', () => {
    expect(lightspeedSaleToRow(SALE)).toEqual({
      id: '1013',
      shop_id: '1',
      amount_cents: 31710,
      tax_cents: 2616,
      total_cents: 34326,
      customer_id: null,
      status: 'completed',
      is_archived: false,
      completed_at: '2021-06-06T15:19:18.000Z',
      created_at: '2021-06-06T15:18:34.000Z',
      updated_at: '2021-06-06T15:19:18.000Z',
    });
  });

  test.each([
    ['a voided sale stays completed in Lightspeed but is voided here', { voided: 'true' }, { status: 'voided' }],
    ['an open sale has no completion time', { completed: 'false', completeTime: undefined }, { status: 'open', completed_at: null }],
    ['an archived parked sale', { completed: 'false', archived: 'true', completeTime: undefined }, { status: 'open', is_archived: true }],
    ['a return is a sale with negative totals', { calcSubtotal: '-20', calcTax1: '-1.65', calcTotal: '-21.65' }, { amount_cents: -2000, tax_cents: -165, total_cents: -2165 }],
    ['a customer', { customerID: '311' }, { customer_id: '311' }],
    ['a second tax', { calcTax2: '1.05' }, { tax_cents: 2721 }],
  ])('%s', (_, change, expected) => {
    expect(lightspeedSaleToRow({ ...SALE, ...change })).toMatchObject(expected);
  });

  test.each([
    ['no saleID', { saleID: undefined }],
    ['no createTime', { createTime: undefined }],
    ['a total that is not an amount', { calcTotal: 'n/a' }],
  ])('%s is a malformed record', (_, change) => {
    expect(() => lightspeedSaleToRow({ ...SALE, ...change })).toThrow(MalformedRecordError);
  });
});

describe('lightspeedItemToRow', () => {
  const categories = new Map([['3', 'Edibles']]);

  test('maps an item with its stock, web description, default price and category name', () => {
    expect(lightspeedItemToRow(ITEM, categories)).toEqual({
      id: '42',
      name: 'Delta-8 Gummies 25mg (20 ct)',
      description: 'Lab-tested hemp gummies. Adults 21+ only.',
      category: 'Edibles',
      sku: 'GUM-0042',
      price_cents: 2499,
      cost_cents: 850,
      avg_cost_cents: 851,
      quantity: 11,
      is_archived: false,
      created_at: '2024-01-02T10:00:00.000Z',
      updated_at: '2025-05-06T11:22:33.000Z',
    });
  });

  test.each([
    ['one shop and one price come as objects', { ItemShops: { ItemShop: { qoh: '4', shopID: '1' } }, Prices: { ItemPrice: { amount: '5', useType: 'Default', useTypeID: '1' } } }, { quantity: 4, price_cents: 500 }],
    ['without the account-wide row the shops are summed', { ItemShops: { ItemShop: [{ qoh: '4', shopID: '1' }, { qoh: '6', shopID: '2' }] } }, { quantity: 10 }],
    ['without relations stock and description are unknown', { ItemShops: undefined, ItemECommerce: undefined }, { quantity: null, description: null }],
    ['an archived item in no category, with only a system SKU', { archived: 'true', categoryID: '0', customSku: '' }, { is_archived: true, category: null, sku: '210000000042' }],
    ['a category the list does not know', { categoryID: '99' }, { category: null }],
  ])('%s', (_, change, expected) => {
    expect(lightspeedItemToRow({ ...ITEM, ...change }, categories)).toMatchObject(expected);
  });

  test.each([
    ['no itemID', { itemID: '' }],
    ['no description', { description: ' ' }],
    ['a stock count that is not a number', { ItemShops: { ItemShop: { qoh: 'many', shopID: '0' } } }],
  ])('%s is a malformed record', (_, change) => {
    expect(() => lightspeedItemToRow({ ...ITEM, ...change }, categories)).toThrow(MalformedRecordError);
  });
});
