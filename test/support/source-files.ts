import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository's root. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** Every TypeScript file under the given top-level folders, as repository-relative paths with their text. */
export function typescriptSources(...dirs: string[]): Array<{ file: string; text: string }> {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
  return dirs.flatMap((dir) => walk(join(REPO_ROOT, dir))).map((path) => ({ file: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') }));
}
