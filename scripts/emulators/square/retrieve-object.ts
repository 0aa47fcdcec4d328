/** GET by id for payments, refunds, customers and catalog objects, as the webhook processor may need them. */
import { notFound } from './square-errors';
import type { SquareStore } from './square-store';

/** Routes of the form /v2/<collection>/<id> and what each answers. */
const COLLECTIONS: Record<string, { key: string; find: (store: SquareStore, id: string) => unknown }> = {
  payments: { key: 'payment', find: (s, id) => s.payments.get(id) },
  refunds: { key: 'refund', find: (s, id) => s.refunds.get(id) },
  customers: { key: 'customer', find: (s, id) => s.customers.get(id) },
  'catalog/object': { key: 'object', find: (s, id) => s.catalogObject(id) },
};

/** Answers GET /v2/{payments|refunds|customers|catalog/object}/{id}, or undefined when the path is not one. */
export function retrieveObject(store: SquareStore, path: string): Record<string, unknown> | undefined {
  const m = /^\/v2\/(payments|refunds|customers|catalog\/object)\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  const { key, find } = COLLECTIONS[m[1]];
  const id = decodeURIComponent(m[2]);
  const found = find(store, id);
  if (!found) throw notFound(`Could not find ${key} with id \`${id}\`.`);
  return { [key]: found };
}
