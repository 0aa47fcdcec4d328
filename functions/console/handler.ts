import { HttpError } from '@shared/http/errors';
import { createHttpHandler, route } from '@shared/http/router';
import { asset } from './assets';
import { ASSET_PREFIX } from './bundle';
import { CONSOLE_CSP, CONSOLE_PAGE } from './page';

const headers = { 'Content-Security-Policy': CONSOLE_CSP, 'Cache-Control': 'no-cache' };

/** GET /: the console's page (public: it holds no data; every figure comes from the APIs with the staff's token). */
const pageRoute = route({
  method: 'GET',
  path: '/',
  access: 'public',
  answers: 'text',
  summary: 'The staff console (sign in with a token; panels for what the token may see)',
  async handle() {
    return { text: CONSOLE_PAGE, contentType: 'text/html; charset=utf-8', headers };
  },
});

/** GET /console/assets/:name: the console's script and stylesheet, built by esbuild. */
const assetRoute = route({
  method: 'GET',
  path: `${ASSET_PREFIX}/:name`,
  access: 'public',
  answers: 'text',
  summary: "The console's script and stylesheet",
  async handle({ params }) {
    const found = await asset(params.name);
    if (!found) throw new HttpError(404, 'NOT_FOUND', `The console has no asset ${params.name}`);
    return { text: found.text, contentType: found.contentType, headers };
  },
});

/** The console HTTP function: the staff console's page and assets. */
export const consoleHandler = createHttpHandler({ name: 'console', routes: [pageRoute, assetRoute] });
