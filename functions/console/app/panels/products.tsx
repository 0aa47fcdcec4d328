import { api } from '../api';
import { formatDollars } from '../format';
import { Show, useLoad } from '../load';

interface Product {
  id: string;
  name: string;
  source?: string;
  price?: number | null;
  available?: boolean;
  category?: string | null;
}
interface Products {
  products: Product[];
  count: number;
  topSellers: Array<{ name: string; quantity?: number; revenue?: number }>;
  topSellersStatus?: { code?: string; message?: string } | string;
}

/** The catalog of both sources, and top sellers when the API ranks them (it says why when it cannot). */
export function Products() {
  const [loaded] = useLoad(() => api<Products>('/api/bigquery/products?all=true'));
  return (
    <section aria-labelledby="products-title">
      <header class="panel-head">
        <h2 id="products-title">Products</h2>
      </header>
      <Show loaded={loaded}>
        {({ products, count, topSellers, topSellersStatus }) => (
          <>
            <h3>Top sellers</h3>
            {topSellers.length > 0 ? (
              <ol>
                {topSellers.map((t) => (
                  <li key={t.name}>{t.name}</li>
                ))}
              </ol>
            ) : (
              <p class="empty">{typeof topSellersStatus === 'string' ? topSellersStatus : (topSellersStatus?.message ?? 'No top sellers yet.')}</p>
            )}
            <h3>Catalog ({count})</h3>
            {products.length === 0 ? (
              <p class="empty">No products yet: the first sync fills the catalog.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Product</th>
                      <th scope="col">Source</th>
                      <th scope="col" class="num">Price</th>
                      <th scope="col">Available</th>
                    </tr>
                  </thead>
                  <tbody>
                    {products.map((p) => (
                      <tr key={`${p.source}:${p.id}`}>
                        <td>{p.name}</td>
                        <td>{p.source ?? ''}</td>
                        <td class="num">{typeof p.price === 'number' ? formatDollars(p.price) : '—'}</td>
                        <td>{p.available === false ? 'no' : 'yes'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Show>
    </section>
  );
}
