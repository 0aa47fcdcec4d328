import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedReadme } from './readme/readme';
import { generateTerraformFiles } from './terraform/generated-files';
import { codeSources } from './terraform/sources';

/** Every file `npm run generate` writes, path (relative to the repository root) to exact content. */
export function generatedFiles(root: string): Record<string, string> {
  return {
    ...generateTerraformFiles(codeSources()),
    'README.md': generatedReadme(readFileSync(join(root, 'README.md'), 'utf8')),
  };
}
