import { routeCatalog } from '../routes/catalog';
import { apiTable } from './api-table';
import { configurationTable } from './configuration-table';
import { withSection } from './sections';

/** The README's generated sections, by marker name, each rendered from the code's one definition. */
export const README_SECTIONS: Record<string, () => string> = {
  'api-routes': () => apiTable(routeCatalog()),
  configuration: () => configurationTable(),
};

/** The README with every generated section brought up to date. */
export function generatedReadme(current: string): string {
  return Object.entries(README_SECTIONS).reduce((text, [name, render]) => withSection(text, name, render()), current);
}
