import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from './generated';
import { staleFiles } from './terraform/generated-files';

/**
 * `npm run generate`: writes everything derived from the code's single sources: terraform/generated/*.json
 * (functions, topics, schedules, secrets, tables, views) and the README's generated tables. `-- --check` writes
 * nothing and fails when a committed file is stale.
 */
function main(): void {
  const root = join(__dirname, '..');
  const files = generatedFiles(root);
  const stale = staleFiles(root, files);
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      console.error(`Stale generated files: ${stale.join(', ')}. Run npm run generate and commit the result.`);
      process.exit(1);
    }
    console.log('Generated files are up to date.');
    process.exit(0);
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  console.log(stale.length > 0 ? `Updated ${stale.join(', ')}` : 'Generated files were already up to date.');
  process.exit(0);
}

main();
