import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateTerraformFiles, staleFiles } from './terraform/generated-files';
import { codeSources } from './terraform/sources';

/**
 * `npm run terraform:generate`: writes terraform/generated/*.json from the code's single sources (functions, topics,
 * schedules, secrets, tables, views). `-- --check` writes nothing and fails when the committed files are stale.
 */
function main(): void {
  const root = join(__dirname, '..');
  const files = generateTerraformFiles(codeSources());
  const stale = staleFiles(root, files);
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      console.error(`Stale Terraform inputs: ${stale.join(', ')}. Run npm run terraform:generate and commit the result.`);
      process.exit(1);
    }
    console.log('Terraform inputs are up to date.');
    return;
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  console.log(stale.length > 0 ? `Updated ${stale.join(', ')}` : 'Terraform inputs were already up to date.');
}

main();
