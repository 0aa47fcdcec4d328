import type { ComponentChildren } from 'preact';

export interface Column<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
}

/** A table of rows with its empty state; wide tables scroll on their own on a phone. */
export function Table<T>({ rows, columns, empty, rowKey }: { rows: T[]; columns: Column<T>[]; empty: string; rowKey: (row: T) => string }) {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.label} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A row of labelled figures. */
export function Figures({ items }: { items: Array<[label: string, value: string]> }) {
  return (
    <dl class="figures">
      {items.map(([label, value]) => (
        <div class="figure" key={label}>
          <dt>{label}</dt>
          <dd>
            <span class="value">{value}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
