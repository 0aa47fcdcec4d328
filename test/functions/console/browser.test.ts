import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type LocalStack, startLocalStack } from '../../../scripts/local/server';
import { call } from '../../support/http';
import { createTestRuntime, tokenFor } from '../../support/runtime';
import { DASHBOARD_TEST_ENV } from '../dashboard/support';
import { generateShop, loadShop } from '../dashboard/shop-ground-truth';
import { startRaffles } from '../raffles/harness';

/**
 * The staff console in headless Chromium against the local server. CI installs Debian's chromium (.ci/run); elsewhere
 * a machine without it skips this suite, saying so, and CI=true makes a missing browser a failure.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
if (!available) console.warn(`Skipping the console browser tests: ${CHROMIUM} is not installed (apt-get install chromium, or set CHROMIUM_PATH)`);
const suite = available ? describe : describe.skip;

const SHOTS = join(__dirname, '../../../test-results/console');
const NOW = '2026-04-20T17:00:00Z';
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

suite('the staff console in a browser', () => {
  let stack: LocalStack;
  let browser: Browser;
  let adminToken: string;

  beforeAll(async () => {
    const rt = createTestRuntime({ ...DASHBOARD_TEST_ENV, BUSINESS_TIMEZONE: 'America/Chicago' }, NOW);
    await loadShop(rt.warehouse, generateShop(), 'America/Chicago', new Date(NOW));
    stack = await startLocalStack(rt, 0, { scheduler: false });
    adminToken = await tokenFor(rt, 'staff-1', 'admin');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    mkdirSync(SHOTS, { recursive: true });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A fresh tab that records console errors and failed requests, so that a test can say none happened. */
  async function openPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  test('the #token link signs in, leaves the address bar, and the overview shows the API’s figures to the cent', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${stack.url}/#token=${adminToken}`);
    await page.locator('[data-metric="todayRevenue"] .value').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('console.token'))).toBe(adminToken);

    const api = await call(`${stack.url}/api/bigquery/dashboard`, { token: adminToken });
    const metrics = api.body.metrics as Record<string, number>;
    expect(metrics.yearRevenue).toBeGreaterThan(0);
    for (const name of ['todayRevenue', 'weekRevenue', 'monthRevenue', 'yearRevenue', 'avgOrderValue']) {
      expect(await page.locator(`[data-metric="${name}"] .value`).textContent()).toBe(dollars.format(metrics[name]));
    }
    expect(await page.locator('[data-metric="totalTransactions"] .value').textContent()).toBe(metrics.totalTransactions.toLocaleString('en-US'));
    await page.locator('.chart .uplot').first().waitFor();
    expect(await page.locator('.chart .uplot').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'overview-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'overview-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('every panel loads without a console error, at desktop and phone width', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${stack.url}/#token=${adminToken}`);
    const links = page.getByRole('navigation', { name: 'Panels' }).getByRole('link');
    await links.first().waitFor();
    const panels = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)))) as string[];
    expect(panels).toEqual(expect.arrayContaining(['overview', 'products', 'integrations', 'webhooks', 'memberships', 'age-verification', 'raffles', 'notifications']));
    for (const panel of panels) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${stack.url}/#${panel}`);
      await page.locator(`#panel[data-panel="${panel}"] section`).waitFor();
      // Loaded: no "Loading…" left, and no error state.
      await page.waitForFunction(() => !document.querySelector('#panel .loading'));
      expect({ panel, failed: await page.locator('#panel .error').allTextContents() }).toEqual({ panel, failed: [] });
      await page.screenshot({ path: join(SHOTS, `${panel}-desktop.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SHOTS, `${panel}-phone.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the raffles panel recomputes a draw with Web Crypto: it matches, and a changed pick does not', async () => {
    // A drawn raffle from the raffles function (its own test server); the console's calls to /api/raffles go there.
    const h = await startRaffles();
    try {
      const raffle = await h.create('charitable_raffle', { winners: 1, runnersUp: 2 });
      for (const [i, c] of ['ada', 'bo', 'cy'].entries()) {
        await h.verifyAge(c);
        expect((await h.purchase(raffle.id, c, { tickets: i + 1 })).status).toBe(201);
      }
      h.rt.clock.set(new Date(Date.parse(raffle.drawAt) + 10_000));
      expect((await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' })).status).toBe(200);
      let tamper = false;
      const { page, errors } = await openPage();
      await page.route('**/api/raffles**', async (route) => {
        const url = new URL(route.request().url());
        const answer = await fetch(`${h.url}${url.pathname}${url.search}`, { headers: { Authorization: route.request().headers().authorization ?? '' } });
        const body = (await answer.json()) as Record<string, any>;
        if (tamper && url.pathname.endsWith('/verify')) body.winners[0].ticketNumber += 1;
        await route.fulfill({ status: answer.status, contentType: 'application/json', body: JSON.stringify(body) });
      });
      await page.goto(`${stack.url}/#token=${adminToken}`);
      await page.goto(`${stack.url}/#raffles`);
      await page.getByRole('button', { name: 'Verify draw' }).click();
      await expect(page.locator('[data-verified]').getAttribute('data-verified')).resolves.toBe('match');
      await page.screenshot({ path: join(SHOTS, 'raffles-verified-desktop.png'), fullPage: true });
      tamper = true;
      await page.getByRole('button', { name: 'Verify draw' }).click();
      await page.locator('[data-verified="mismatch"]').waitFor();
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await h.close();
    }
  });

  test('an expired token returns to sign-in, saying it expired', async () => {
    const expired = await tokenFor(stack.runtime, 'staff-1', 'admin', '-1m');
    const { page } = await openPage();
    await page.goto(`${stack.url}/#token=${expired}`);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/expired/i);
    await expect(page.getByLabel('Token').isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('console.token'))).toBeNull();
    await page.screenshot({ path: join(SHOTS, 'sign-in-expired.png') });
    await page.close();
  });

  test('a pasted customer token sees only what a customer may', async () => {
    const customer = await tokenFor(stack.runtime, 'cust-7', 'customer');
    const { page, errors } = await openPage();
    await page.goto(stack.url);
    await page.getByLabel('Token').fill(customer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Panels' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Products', 'Raffles']);
    // Asking for an admin panel by its address still shows a customer's panel.
    await page.goto(`${stack.url}/#overview`);
    await page.locator('#panel[data-panel="products"]').waitFor();
    expect(await page.locator('[data-metric]').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'products-customer.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
