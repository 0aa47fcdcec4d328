/**
 * What a Texas hemp and THC shop sells: the category tree and product templates the generator draws from.
 * Prices are shelf prices in cents; costs are derived from them by the generator.
 */
import type { SeededRandom } from './random';

/** The kind of product a category holds; picks the naming template and price range. */
export type ProductKind =
  | 'flower'
  | 'preroll'
  | 'edible'
  | 'gummy'
  | 'cartridge'
  | 'disposable'
  | 'tincture'
  | 'topical'
  | 'concentrate'
  | 'beverage'
  | 'accessory'
  | 'glass'
  | 'papers'
  | 'pet'
  | 'mushroom';

/** A category as the generator lays it out; `parent` is an index into CATEGORY_TREE, always an earlier one. */
export interface CategoryTemplate {
  name: string;
  kind: ProductKind;
  parent?: number;
  /** How much of the catalog lands here, relative to the others. */
  weight: number;
}

/** Parents come before children, so any prefix of this list is a valid tree. */
export const CATEGORY_TREE: readonly CategoryTemplate[] = [
  { name: 'Flower', kind: 'flower', weight: 5 },
  { name: 'Pre-Rolls', kind: 'preroll', weight: 3 },
  { name: 'Edibles', kind: 'edible', weight: 2 },
  { name: 'Gummies', kind: 'gummy', parent: 2, weight: 5 },
  { name: 'Vapes', kind: 'cartridge', weight: 1 },
  { name: 'Cartridges', kind: 'cartridge', parent: 4, weight: 3 },
  { name: 'Disposables', kind: 'disposable', parent: 4, weight: 4 },
  { name: 'Tinctures', kind: 'tincture', weight: 2 },
  { name: 'Topicals', kind: 'topical', weight: 1.5 },
  { name: 'Concentrates', kind: 'concentrate', weight: 2 },
  { name: 'Beverages', kind: 'beverage', weight: 1.5 },
  { name: 'Accessories', kind: 'accessory', weight: 2 },
  { name: 'Glass', kind: 'glass', parent: 11, weight: 1.5 },
  { name: 'Papers & Wraps', kind: 'papers', parent: 11, weight: 1 },
  { name: 'Pet CBD', kind: 'pet', weight: 0.7 },
  { name: 'Functional Mushrooms', kind: 'mushroom', weight: 0.8 },
];

const STRAINS = [
  'Blue Dream', 'Sour Diesel', 'OG Kush', 'Gelato', 'Wedding Cake', 'Runtz', 'Zkittlez', 'Gorilla Glue',
  'Granddaddy Purple', 'Girl Scout Cookies', 'Pineapple Express', 'Jack Herer', 'Lemon Haze', 'Northern Lights',
  'Purple Punch', 'Ice Cream Cake', 'Mimosa', 'Tropicana Cookies', 'Durban Poison', 'Strawberry Cough',
  'Apple Fritter', 'Biscotti', 'Cereal Milk', 'Gary Payton', 'Permanent Marker', 'White Widow', 'Bubba Kush',
  'Maui Wowie', 'Super Lemon Haze', 'Forbidden Fruit',
] as const;

const FLAVORS = [
  'Watermelon', 'Blue Raspberry', 'Mango', 'Sour Apple', 'Peach Rings', 'Cherry Lime', 'Pineapple', 'Grape',
  'Strawberry Lemonade', 'Tropical Punch', 'Wild Berry', 'Passion Fruit', 'Green Apple', 'Pink Lemonade',
] as const;

const BRANDS = [
  'Lone Star Hemp', 'Bluebonnet Botanicals', 'Gulf Coast Farms', 'Hill Country Extracts', 'Pecan Street Labs',
  'Big Sky Cultivation', 'Red River Wellness', 'Prairie Fire', 'Alamo Leaf', 'Longhorn Labs',
] as const;

/** Number of manufacturers the generator spreads items over (manufacturerID 1..N). */
export const MANUFACTURER_COUNT = BRANDS.length;

/** Shops of the emulated account; shop 3 is the web store, whose sales carry a reference number. */
export const SHOPS = [
  { shopID: 1, name: 'Main Street', registers: [1, 2] },
  { shopID: 2, name: 'Northside', registers: [3] },
  { shopID: 3, name: 'Online Store', registers: [4] },
] as const;

/** Texas state plus local sales tax, as Lightspeed stores a tax rate. */
export const TAX1_RATE = '0.0825';
/** The same rate in basis points of a percent, for exact integer tax arithmetic. */
export const TAX1_RATE_PER_10000 = 825;

/** A generated product before it gets ids and stock. */
export interface ProductDraft {
  description: string;
  shortDescription: string;
  priceCents: number;
  weightGrams: number;
}

type Maker = (rng: SeededRandom) => ProductDraft;

const sized = (
  rng: SeededRandom,
  sizes: ReadonlyArray<readonly [string, number, number]>,
  name: (size: string) => string,
  short: string,
): ProductDraft => {
  const [size, priceCents, weightGrams] = rng.pick(sizes);
  return { description: name(size), shortDescription: short, priceCents, weightGrams };
};

const MAKERS: Record<ProductKind, Maker> = {
  flower: (r) =>
    sized(r, [['1g', 1200, 1], ['3.5g', 3499, 4], ['7g', 5999, 7], ['14g', 9999, 14], ['28g', 17999, 28]],
      (s) => `${r.pick(STRAINS)} THCa Flower ${s}`, 'Indoor-grown THCa hemp flower'),
  preroll: (r) =>
    sized(r, [['1g', 1099, 1], ['2-Pack', 1999, 2], ['5-Pack', 3999, 5]],
      (s) => `${r.pick(STRAINS)} THCa Pre-Roll ${s}`, 'Hand-rolled THCa pre-roll'),
  edible: (r) =>
    sized(r, [['Chocolate Bar 100mg', 2499, 40], ['Cookies 4ct', 1999, 80], ['Rice Crispy Treat 50mg', 1299, 60]],
      (s) => `${r.pick(BRANDS)} Delta-9 ${s}`, 'Hemp-derived Delta-9 edible'),
  gummy: (r) =>
    sized(r, [['10mg 20ct', 2999, 60], ['25mg 10ct', 3499, 45], ['50mg 10ct', 4499, 45]],
      (s) => `${r.pick(FLAVORS)} Delta-9 Gummies ${s}`, 'Hemp-derived Delta-9 THC gummies'),
  cartridge: (r) =>
    sized(r, [['0.5g', 2499, 5], ['1g', 3999, 8]],
      (s) => `${r.pick(STRAINS)} Delta-8 Cartridge ${s}`, '510-thread Delta-8 THC cartridge'),
  disposable: (r) =>
    sized(r, [['1g', 2999, 20], ['2g', 4499, 25], ['3g', 5499, 30]],
      (s) => `${r.pick(STRAINS)} THC-P Disposable ${s}`, 'Rechargeable disposable vape'),
  tincture: (r) =>
    sized(r, [['500mg', 3999, 60], ['1000mg', 5999, 60], ['2500mg', 8999, 60]],
      (s) => `${r.pick(BRANDS)} Full Spectrum CBD Tincture ${s}`, 'Full-spectrum hemp extract in MCT oil'),
  topical: (r) =>
    sized(r, [['Muscle Balm 500mg', 2999, 60], ['Roll-On 1000mg', 3999, 90], ['Lotion 250mg', 2499, 120]],
      (s) => `CBD ${s}`, 'Topical CBD for external use'),
  concentrate: (r) =>
    sized(r, [['Diamonds 1g', 3499, 1], ['Live Resin Badder 1g', 3999, 1], ['Rosin 1g', 5499, 1]],
      (s) => `${r.pick(STRAINS)} THCa ${s}`, 'Hemp-derived THCa concentrate'),
  beverage: (r) =>
    sized(r, [['Seltzer 5mg 12oz', 699, 355], ['Seltzer 10mg 4-Pack', 2199, 1420], ['Shot 25mg', 999, 60]],
      (s) => `${r.pick(FLAVORS)} Delta-9 ${s}`, 'Hemp-derived THC beverage'),
  accessory: (r) =>
    sized(r, [['Grinder 4-Piece', 2499, 200], ['Torch Lighter', 1999, 150], ['510 Battery', 1999, 40], ['Stash Jar', 1299, 120]],
      (s) => `${r.pick(BRANDS)} ${s}`, 'Smoking accessory'),
  glass: (r) =>
    sized(r, [['Hand Pipe', 2499, 150], ['Water Pipe 10in', 7999, 900], ['Bubbler', 4999, 400], ['Dab Rig', 8999, 700]],
      (s) => `${r.pick(['Clear', 'Blue', 'Green', 'Amber', 'Fumed'])} Glass ${s}`, 'Borosilicate glass'),
  papers: (r) =>
    sized(r, [['King Size Papers', 299, 10], ['Hemp Wraps 2ct', 399, 10], ['Pre-Rolled Cones 6ct', 599, 15]],
      (s) => `${r.pick(['Organic', 'Unbleached', 'Flavored'])} ${s}`, 'Rolling papers and wraps'),
  pet: (r) =>
    sized(r, [['Tincture 250mg', 2999, 30], ['Chews 30ct', 3499, 120]],
      (s) => `Pet CBD ${s}`, 'CBD for dogs and cats'),
  mushroom: (r) =>
    sized(r, [['Lion\'s Mane Gummies 30ct', 2999, 90], ['Reishi Capsules 60ct', 2499, 60], ['Chaga Tincture', 3499, 60]],
      (s) => `${r.pick(BRANDS)} ${s}`, 'Functional mushroom supplement'),
};

/** A product of the given kind; draws from `rng` so a seed always yields the same catalog. */
export function makeProduct(kind: ProductKind, rng: SeededRandom): ProductDraft {
  return MAKERS[kind](rng);
}

/** Short SKU prefix per kind, for customSku. */
export const SKU_PREFIX: Record<ProductKind, string> = {
  flower: 'FLW', preroll: 'PRE', edible: 'EDB', gummy: 'GUM', cartridge: 'CRT', disposable: 'DSP',
  tincture: 'TNC', topical: 'TOP', concentrate: 'CON', beverage: 'BEV', accessory: 'ACC', glass: 'GLS',
  papers: 'PAP', pet: 'PET', mushroom: 'MSH',
};
