/** A labelled choice among values; the empty value reads "any". */
export function Filter({ label, value, values, onChange }: { label: string; value: string; values: readonly string[]; onChange: (value: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {v || 'any'}
          </option>
        ))}
      </select>
    </label>
  );
}
