/**
 * The deterministic shop: categories, items and two years of sales, drawn from one seed so that every run with the
 * same seed and the same clock serves identical data. Ids grow with creation time, as they do in Lightspeed.
 */
import { CATEGORY_TREE, MANUFACTURER_COUNT, SHOPS, SKU_PREFIX, makeProduct, type CategoryTemplate } from './catalog-data';
import { SeededRandom, searchCumulative } from './random';
import { ONLINE_SHARE, buildSale, drawSaleContext, drawSaleLines, webOrderNumber } from './sale-builder';
import type { CategoryRecord, ItemRecord, SaleRecord } from './types';

const DAY = 86_400;
const HOUR = 3_600;

/** How big the shop is and where its history ends. */
export interface ShopShape {
  seed: number;
  sales: number;
  items: number;
  categories: number;
  days: number;
  /** Epoch seconds; every generated time is at or before it. */
  anchor: number;
}

/** The generated records plus the counters live mutations continue from. */
export interface GeneratedShop {
  categories: CategoryRecord[];
  items: ItemRecord[];
  sales: SaleRecord[];
  nextSaleLineID: number;
}

/** Builds the whole shop for `shape`. The default shape (20,000 sales) takes well under a second. */
export function generateShop(shape: ShopShape): GeneratedShop {
  const rng = new SeededRandom(shape.seed);
  const start = shape.anchor - shape.days * DAY;
  const templates = categoryTemplates(Math.max(1, shape.categories));
  const categories = generateCategories(rng, templates, start);
  const items = generateItems(rng, templates, shape.items, start, shape.anchor);
  const { sales, nextSaleLineID } = generateSales(rng, items, shape, start);
  return { categories, items, sales, nextSaleLineID };
}

function categoryTemplates(count: number): CategoryTemplate[] {
  const templates = CATEGORY_TREE.slice(0, count);
  // Past the built-in tree the shop just has more top-level merchandise groups.
  for (let i = templates.length; i < count; i++) {
    templates.push({ name: `Specials ${i - CATEGORY_TREE.length + 1}`, kind: 'accessory', weight: 0.5 });
  }
  return templates;
}

function generateCategories(rng: SeededRandom, templates: CategoryTemplate[], start: number): CategoryRecord[] {
  const records: CategoryRecord[] = templates.map((template, i) => {
    const parent = template.parent;
    const createTime = start - 200 * DAY + i * HOUR;
    return {
      categoryID: i + 1,
      name: template.name,
      parentID: parent === undefined ? 0 : parent + 1,
      nodeDepth: 0,
      fullPathName: template.name,
      leftNode: 0,
      rightNode: 0,
      createTime,
      timeStamp: rng.chance(0.3) ? createTime + rng.int(DAY, 150 * DAY) : createTime,
    };
  });
  // Lightspeed keeps categories as a nested set; number it depth-first so leftNode/rightNode are consistent.
  let counter = 1;
  const visit = (record: CategoryRecord, depth: number, path: string): void => {
    record.nodeDepth = depth;
    record.fullPathName = path;
    record.leftNode = counter++;
    for (const child of records.filter((r) => r.parentID === record.categoryID)) {
      visit(child, depth + 1, `${path}/${child.name}`);
    }
    record.rightNode = counter++;
  };
  for (const root of records.filter((r) => r.parentID === 0)) visit(root, 0, root.name);
  return records;
}

const HEMP_NOTICE =
  'Lab-tested hemp product with under 0.3% Delta-9 THC by dry weight, compliant with the 2018 Farm Bill. Adults 21+ only.';
const NON_HEMP_KINDS = new Set(['accessory', 'glass', 'papers', 'mushroom']);

function generateItems(
  rng: SeededRandom,
  templates: CategoryTemplate[],
  count: number,
  start: number,
  anchor: number,
): ItemRecord[] {
  const cumulative: number[] = [];
  templates.reduce((sum, t) => {
    cumulative.push(sum + t.weight);
    return sum + t.weight;
  }, 0);
  const total = cumulative[cumulative.length - 1] ?? 1;
  const drafts = Array.from({ length: count }, (_, i) => {
    const categoryIndex = searchCumulative(cumulative, rng.next() * total);
    const template = templates[categoryIndex] as CategoryTemplate;
    const product = makeProduct(template.kind, rng);
    // Most of the catalog predates the sales history; the rest arrives over its first three quarters.
    const existedAtStart = i === 0 || rng.chance(0.6);
    const createTime = existedAtStart
      ? start - rng.int(1, 180 * DAY)
      : start + Math.floor(rng.next() * 0.75 * (anchor - start));
    return { template, categoryID: categoryIndex + 1, product, createTime };
  });
  drafts.sort((a, b) => a.createTime - b.createTime);
  return drafts.map((draft, i) => {
    const itemID = i + 1;
    const { priceCents } = draft.product;
    const notice = NON_HEMP_KINDS.has(draft.template.kind) ? 'Ships discreetly.' : HEMP_NOTICE;
    const defaultCostCents = Math.max(1, Math.round(priceCents * (0.35 + 0.2 * rng.next())));
    const avgCostCents = Math.max(1, defaultCostCents + Math.round(defaultCostCents * 0.03 * rng.normal()));
    const archived = rng.chance(0.08);
    const archiveFrom = Math.max(draft.createTime + 30 * DAY, start + Math.floor(0.5 * (anchor - start)));
    const timeStamp = archived
      ? Math.min(anchor, archiveFrom + Math.floor(rng.next() * Math.max(0, anchor - archiveFrom)))
      : rng.chance(0.3)
        ? draft.createTime + Math.floor(rng.next() * (anchor - draft.createTime))
        : draft.createTime;
    const shops = SHOPS.map((shop, s) => ({
      itemShopID: (itemID - 1) * SHOPS.length + s + 1,
      shopID: shop.shopID,
      // Archiving zeroes inventory in Lightspeed; a few live items run negative, as real counts do.
      qoh: archived ? 0 : rng.chance(0.02) ? -rng.int(1, 2) : rng.int(0, 60),
      reorderPoint: 5,
      reorderLevel: 20,
      timeStamp,
    }));
    return {
      itemID,
      systemSku: `21${String(itemID).padStart(10, '0')}`,
      customSku: `${SKU_PREFIX[draft.template.kind]}-${String(itemID).padStart(4, '0')}`,
      description: draft.product.description,
      shortDescription: draft.product.shortDescription,
      longDescription: `${draft.product.description}. ${notice}`,
      categoryID: draft.categoryID,
      manufacturerID: rng.int(1, MANUFACTURER_COUNT),
      defaultCostCents,
      avgCostCents,
      priceCents,
      msrpCents: priceCents,
      weightGrams: draft.product.weightGrams,
      archived,
      createTime: draft.createTime,
      timeStamp,
      shops,
    };
  });
}

// Friday and Saturday are the busy days; 20 April is the trade's biggest day of the year.
const WEEKDAY_WEIGHT = [0.9, 0.75, 0.8, 0.85, 0.95, 1.3, 1.4];
// Stores open 10:00-21:00 Central; Central is UTC-6 (daylight time is ignored: only the shape of the day matters).
const OPEN_UTC = 16 * HOUR;
const OPEN_SECONDS = 11 * HOUR;
// The web store's orders are imported into Lightspeed in batches, so several sales share one completion second.
const WEB_IMPORT_EVERY = 4 * HOUR;

function generateSales(
  rng: SeededRandom,
  items: ItemRecord[],
  shape: ShopShape,
  start: number,
): { sales: SaleRecord[]; nextSaleLineID: number } {
  const { anchor } = shape;
  const firstMidnight = Math.floor(start / DAY) * DAY;
  const dayCount = Math.ceil((anchor - firstMidnight) / DAY);
  const dayWeights: number[] = [];
  let weightSum = 0;
  for (let d = 0; d < dayCount; d++) {
    const date = new Date((firstMidnight + d * DAY) * 1000);
    const trend = 0.6 + (0.8 * d) / Math.max(1, dayCount);
    const fourTwenty = date.getUTCMonth() === 3 && date.getUTCDate() === 20 ? 3 : 1;
    weightSum += trend * (WEEKDAY_WEIGHT[date.getUTCDay()] ?? 1) * fourTwenty;
    dayWeights.push(weightSum);
  }

  const drawTime = (online: boolean): number => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const midnight = firstMidnight + searchCumulative(dayWeights, rng.next() * weightSum) * DAY;
      const t = online
        ? midnight + rng.int(0, DAY - 1)
        : midnight + OPEN_UTC + Math.floor(((rng.next() + rng.next()) / 2) * OPEN_SECONDS);
      if (t >= start && t < anchor) return t;
    }
    return anchor - rng.int(1, 600);
  };
  const drafts = Array.from({ length: shape.sales }, () => {
    const online = rng.chance(ONLINE_SHARE);
    return { online, t: drawTime(online) };
  });
  drafts.sort((a, b) => a.t - b.t);

  const itemPicker = availableItemPicker(rng, items);
  const sales: SaleRecord[] = [];
  let nextSaleLineID = 1;
  drafts.forEach(({ online, t }, index) => {
    const saleID = index + 1;
    const context = drawSaleContext(rng, online);
    const lines = drawSaleLines(rng, () => itemPicker(t));
    const roll = rng.next();
    const incomplete = roll < 0.02;
    const voided = !incomplete && roll < 0.035;
    let completeTime: number | null = null;
    let timeStamp: number;
    if (incomplete) {
      timeStamp = Math.min(anchor, t + rng.int(5, 120));
    } else {
      completeTime = online
        ? Math.ceil((t + 60) / WEB_IMPORT_EVERY) * WEB_IMPORT_EVERY
        : t + rng.int(30, 600);
      completeTime = Math.min(anchor, completeTime);
      timeStamp = completeTime;
      if (voided) timeStamp = Math.min(anchor, completeTime + rng.int(60, 3 * DAY));
      else if (rng.chance(0.04)) timeStamp = Math.min(anchor, completeTime + rng.int(HOUR, 30 * DAY));
    }
    // Abandoned parked sales get archived by staff after a while.
    const archived = incomplete && anchor - t > 14 * DAY && rng.chance(0.5);
    const sale = buildSale(
      {
        saleID,
        createTime: t,
        completeTime,
        timeStamp,
        completed: !incomplete,
        voided,
        archived,
        ...context,
        referenceNumber: online ? webOrderNumber(saleID) : '',
        referenceNumberSource: online ? 'webstore' : '',
        lines,
      },
      nextSaleLineID,
    );
    nextSaleLineID += sale.lines.length;
    sales.push(sale);
  });
  return { sales, nextSaleLineID };
}

/**
 * Picks an item that existed and was not yet archived at time t, favouring a skewed set of best sellers.
 * Items are in creation order, so the ones that existed at t are a prefix found by binary search.
 */
function availableItemPicker(rng: SeededRandom, items: ItemRecord[]): (t: number) => ItemRecord {
  const popularity: number[] = [];
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    sum += Math.exp(1.2 * rng.normal());
    popularity.push(sum);
  }
  const archivedAt = (item: ItemRecord): number => (item.archived ? item.timeStamp : Infinity);
  return (t) => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((items[mid] as ItemRecord).createTime <= t) lo = mid + 1;
      else hi = mid;
    }
    const available = Math.max(1, lo);
    for (let attempt = 0; attempt < 6; attempt++) {
      const limit = popularity[available - 1] ?? 0;
      const item = items[searchCumulative(popularity, rng.next() * limit, available)] as ItemRecord;
      if (archivedAt(item) > t) return item;
    }
    return items.slice(0, available).find((item) => archivedAt(item) > t) ?? (items[0] as ItemRecord);
  };
}
