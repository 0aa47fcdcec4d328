/**
 * Words the generated Texas hemp and THC shop is made of. Brands, streets and people are fictional; e-mail
 * addresses use example.com and phone numbers the 555 range, so nothing generated can reach a real person.
 */

/** A store the shop runs; the first entry becomes the main location. */
export interface StoreSite {
  name: string;
  street: string;
  city: string;
  postalCode: string;
  phone: string;
  online: boolean;
}

/** Physical stores in the order locations are opened. */
export const STORE_SITES: readonly StoreSite[] = [
  { name: 'Austin - South Congress', street: '1601 S Congress Ave', city: 'Austin', postalCode: '78704', phone: '+1 512-555-0101', online: false },
  { name: 'Houston - Montrose', street: '1800 Westheimer Rd', city: 'Houston', postalCode: '77098', phone: '+1 713-555-0102', online: false },
  { name: 'Dallas - Deep Ellum', street: '2700 Elm St', city: 'Dallas', postalCode: '75226', phone: '+1 214-555-0103', online: false },
  { name: 'San Antonio - Pearl', street: '1900 Broadway', city: 'San Antonio', postalCode: '78215', phone: '+1 210-555-0104', online: false },
  { name: 'Fort Worth - Magnolia', street: '400 W Magnolia Ave', city: 'Fort Worth', postalCode: '76104', phone: '+1 817-555-0105', online: false },
  { name: 'El Paso - Kern Place', street: '2900 N Mesa St', city: 'El Paso', postalCode: '79902', phone: '+1 915-555-0106', online: false },
];

/** The web shop; it becomes the last location when there are three or more. */
export const ONLINE_SITE: StoreSite = {
  name: 'Online Store', street: '1601 S Congress Ave', city: 'Austin', postalCode: '78704', phone: '+1 512-555-0199', online: true,
};

/** Fictional product brands. */
export const BRANDS = [
  'Lone Star Hemp Co.', 'Bluebonnet Botanicals', 'Pecos Valley Farms', 'Hill Country Hemp', 'Gulf Coast Greens',
  'Big Bend Botanics', 'Alamo Leaf', 'Prairie Rose Labs', 'Brazos Bloom', 'Red River Reserve',
] as const;

const STRAINS = [
  'Blue Dream', 'Sour Diesel', 'Gelato', 'OG Kush', 'Wedding Cake', 'Granddaddy Purple', 'Pineapple Express',
  'Northern Lights', 'Jack Herer', 'Zkittlez', 'Runtz', 'Purple Punch', 'Lemon Haze', 'Mimosa', 'Ice Cream Cake',
  'Durban Poison', 'Bubba Kush', 'Strawberry Cough', 'Tangie', 'Cherry Pie', 'Apple Fritter', 'Biscotti', 'Sherbert',
  'Banana Kush', 'Maui Wowie', 'Cereal Milk', 'Gary Payton', 'Lava Cake',
];
const FLAVORS = [
  'Watermelon', 'Blue Razz', 'Mango', 'Peach Ring', 'Sour Apple', 'Strawberry Lemonade', 'Tropical Punch',
  'Black Cherry', 'Grape', 'Pineapple', 'Lime Margarita', 'Cotton Candy', 'Prickly Pear', 'Pink Lemonade',
];
const SCENTS = ['Lavender', 'Eucalyptus', 'Peppermint', 'Unscented', 'Citrus', 'Cedar'];
const GEAR = [
  'Glass Spoon Pipe', 'Silicone Bong', '4-Piece Herb Grinder', 'King Size Rolling Papers', 'Hemp Wick', '510 Thread Battery',
  'Metal Rolling Tray', 'UV Glass Stash Jar', 'Mini Dab Rig', 'Butane Torch', 'Pre-Roll Cones', 'Smell-Proof Pouch',
  'Glass Chillum', 'Bubbler', 'Ash Catcher', 'Storage Humidity Pack', 'Digital Pocket Scale', 'Vape Pen Case',
];

/** A sellable size or pack with its price range in cents. */
export interface VariationTemplate {
  name: string;
  minCents: number;
  maxCents: number;
}

/** A category of the shop and how its products are named, sized and priced. */
export interface CategoryTemplate {
  name: string;
  /** Share of items in this category. */
  weight: number;
  /** Product names without the brand. */
  products: readonly string[];
  /** Consecutive sizes; an item takes one to three of them. */
  variations: readonly VariationTemplate[];
  skuPrefix: string;
  description: string;
}

const each = <T>(list: readonly T[], f: (x: T) => string[]): string[] => list.flatMap(f);

/** The catalog's categories. */
export const CATEGORIES: readonly CategoryTemplate[] = [
  {
    name: 'Flower', weight: 22, skuPrefix: 'FLW', description: 'Hand-trimmed, lab-tested THCa hemp flower under 0.3% delta-9 THC.',
    products: each(STRAINS, (s) => [`${s} THCa Flower`, `${s} Smalls`]),
    variations: [{ name: '3.5g', minCents: 2500, maxCents: 4500 }, { name: '7g', minCents: 4500, maxCents: 8000 }, { name: '14g', minCents: 8000, maxCents: 14000 }, { name: '28g', minCents: 14000, maxCents: 24000 }],
  },
  {
    name: 'Pre-Rolls', weight: 12, skuPrefix: 'PRE', description: 'Pre-rolled THCa hemp flower in natural cones.',
    products: each(STRAINS, (s) => [`${s} Pre-Roll`, `${s} Infused Pre-Roll`]),
    variations: [{ name: 'Single 1g', minCents: 800, maxCents: 1500 }, { name: '3-Pack', minCents: 2000, maxCents: 3500 }, { name: '5-Pack', minCents: 3200, maxCents: 5500 }],
  },
  {
    name: 'Edibles', weight: 20, skuPrefix: 'EDB', description: 'Hemp-derived delta-9 THC edibles. Start low, go slow.',
    products: each(FLAVORS, (f) => [`${f} Delta-9 Gummies`, `${f} Delta-8 Gummies`, `${f} Live Rosin Gummies`, `${f} Hard Candy`]),
    variations: [{ name: '10 ct', minCents: 1800, maxCents: 2800 }, { name: '20 ct', minCents: 3000, maxCents: 4500 }, { name: '30 ct', minCents: 4000, maxCents: 6000 }],
  },
  {
    name: 'Vapes', weight: 15, skuPrefix: 'VAP', description: 'Hemp-derived cannabinoid vapes with strain-specific terpenes.',
    products: each(STRAINS, (s) => [`${s} Delta-8 Disposable`, `${s} THCa Live Resin Cart`]),
    variations: [{ name: '1g', minCents: 2500, maxCents: 3500 }, { name: '2g', minCents: 4000, maxCents: 5500 }, { name: '3g', minCents: 5000, maxCents: 7000 }],
  },
  {
    name: 'Concentrates', weight: 6, skuPrefix: 'CON', description: 'Solventless and live resin hemp concentrates.',
    products: each(STRAINS, (s) => [`${s} THCa Diamonds`, `${s} Live Badder`]),
    variations: [{ name: '1g', minCents: 3000, maxCents: 5000 }, { name: '2g', minCents: 5500, maxCents: 8500 }],
  },
  {
    name: 'Tinctures', weight: 7, skuPrefix: 'TIN', description: 'Full spectrum hemp extract in MCT oil.',
    products: ['Full Spectrum CBD Tincture', 'Broad Spectrum CBD Tincture', 'Delta-9 Sleep Tincture', 'CBG Focus Tincture', 'CBD + CBN Night Drops', 'Peppermint CBD Tincture', 'Citrus CBD Tincture'],
    variations: [{ name: '500mg 30ml', minCents: 3000, maxCents: 4000 }, { name: '1000mg 30ml', minCents: 5000, maxCents: 6500 }, { name: '2500mg 30ml', minCents: 8000, maxCents: 11000 }],
  },
  {
    name: 'Topicals', weight: 4, skuPrefix: 'TOP', description: 'CBD topicals for muscles and skin.',
    products: each(SCENTS, (s) => [`${s} CBD Balm`, `${s} Relief Roll-On`, `${s} CBD Lotion`]),
    variations: [{ name: '1 oz', minCents: 2000, maxCents: 3000 }, { name: '2 oz', minCents: 3500, maxCents: 4500 }],
  },
  {
    name: 'Beverages', weight: 5, skuPrefix: 'BEV', description: 'Hemp-derived THC seltzers and sodas.',
    products: each(FLAVORS, (f) => [`${f} THC Seltzer`, `${f} CBD Soda`]),
    variations: [{ name: 'Single 12oz', minCents: 600, maxCents: 900 }, { name: '4-Pack', minCents: 2000, maxCents: 2800 }],
  },
  {
    name: 'Accessories', weight: 7, skuPrefix: 'ACC', description: 'Smoking and storage accessories.',
    products: GEAR,
    variations: [{ name: 'Small', minCents: 300, maxCents: 2500 }, { name: 'Medium', minCents: 1500, maxCents: 6000 }, { name: 'Large', minCents: 4000, maxCents: 12000 }],
  },
  {
    name: 'CBD Wellness', weight: 2, skuPrefix: 'WEL', description: 'Capsules and pet products with hemp-derived CBD.',
    products: ['CBD Softgels 25mg', 'CBN Sleep Capsules', 'CBD Pet Tincture', 'CBD Dog Chews', 'CBG Capsules', 'CBD Bath Bomb'],
    variations: [{ name: '30 ct', minCents: 3000, maxCents: 4500 }, { name: '60 ct', minCents: 5500, maxCents: 8000 }],
  },
];

/** Given names for customers. */
export const GIVEN_NAMES = [
  'James', 'Maria', 'Robert', 'Linda', 'Michael', 'Patricia', 'David', 'Jennifer', 'Jose', 'Elizabeth', 'Juan', 'Barbara',
  'Daniel', 'Susan', 'Carlos', 'Jessica', 'Christopher', 'Sarah', 'Luis', 'Karen', 'Matthew', 'Nancy', 'Anthony', 'Lisa',
  'Joshua', 'Sandra', 'Andrew', 'Ashley', 'Kevin', 'Emily', 'Brian', 'Michelle', 'Tyler', 'Amanda', 'Miguel', 'Melissa',
  'Jacob', 'Stephanie', 'Ryan', 'Rebecca', 'Brandon', 'Laura', 'Justin', 'Veronica', 'Cody', 'Brittany', 'Austin', 'Megan',
  'Diego', 'Sofia', 'Ethan', 'Valeria', 'Logan', 'Camila', 'Hunter', 'Kayla', 'Wyatt', 'Hannah', 'Jordan', 'Taylor',
];

/** Family names for customers. */
export const FAMILY_NAMES = [
  'Garcia', 'Smith', 'Martinez', 'Johnson', 'Hernandez', 'Williams', 'Lopez', 'Brown', 'Gonzalez', 'Jones', 'Rodriguez',
  'Davis', 'Perez', 'Miller', 'Sanchez', 'Wilson', 'Ramirez', 'Anderson', 'Torres', 'Thomas', 'Flores', 'Taylor', 'Rivera',
  'Moore', 'Gomez', 'Jackson', 'Diaz', 'White', 'Reyes', 'Harris', 'Cruz', 'Martin', 'Morales', 'Thompson', 'Ortiz', 'Clark',
  'Gutierrez', 'Lewis', 'Chavez', 'Walker', 'Ramos', 'Hall', 'Vasquez', 'Allen', 'Castillo', 'Young', 'Mendoza', 'King',
  'Nguyen', 'Wright', 'Ruiz', 'Scott', 'Alvarez', 'Green', 'Romero', 'Baker', 'Herrera', 'Adams', 'Medina', 'Nelson',
];

/** Reasons staff type when refunding. */
export const REFUND_REASONS = [
  'Returned goods', 'Defective product', 'Customer changed mind', 'Wrong item rung up', 'Duplicate charge',
  'Damaged in shipping', 'Price adjustment', 'Item out of stock',
];
