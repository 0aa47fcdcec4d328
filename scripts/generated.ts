import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudbuildSubstitutions } from './cloudbuild/substitutions';
import { generatedReadme } from './readme/readme';
import { withSection, yamlComment } from './readme/sections';
import { generateTerraformFiles } from './terraform/generated-files';
import { codeSources } from './terraform/sources';

/** Every file `npm run generate` writes, path (relative to the repository root) to exact content. */
export function generatedFiles(root: string): Record<string, string> {
  return {
    ...generateTerraformFiles(codeSources()),
    'README.md': generatedReadme(readFileSync(join(root, 'README.md'), 'utf8')),
    'cloudbuild.yaml': withSection(readFileSync(join(root, 'cloudbuild.yaml'), 'utf8'), 'operator-settings', cloudbuildSubstitutions(), yamlComment),
  };
}
