import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../helpers/platform.ts';
import { launchChromium } from '../helpers/chromium.ts';

const BUDGET_BYTES = 100 * 1024;

describe('mes-services is light: what a first visit transfers, counted by Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  /** Every byte received for the page and all it loads (compressed, headers included), cold cache. */
  async function firstVisit(path: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    cdp.on('Network.loadingFailed', (e) => bytes.set(e.requestId, 0));
    const responses: string[] = [];
    page.on('response', (res) => responses.push(res.url()));
    await page.goto(`${platform.directoryUrl}${path}`, { waitUntil: 'networkidle' });
    await context.close();
    const resources = [...urls].map(([id, url]) => ({
      url: url.replace(platform.directoryUrl, ''),
      bytes: bytes.get(id),
    }));
    // Every response Playwright saw was counted, and finished.
    expect(resources.map((r) => r.url).sort()).toEqual(
      responses.map((u) => u.replace(platform.directoryUrl, '')).sort(),
    );
    for (const resource of resources) expect(resource.bytes, resource.url).toBeGreaterThan(0);
    const total = resources.reduce((sum, r) => sum + (r.bytes ?? 0), 0);
    process.stdout.write(`${path}: ${total} bytes in ${resources.length} requests ${JSON.stringify(resources)}\n`);
    return { total, resources };
  }

  it('the home page transfers at most 100 KB, HTML, CSS, scripts and all', async () => {
    const { total, resources } = await firstVisit('/');
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    // Nothing comes from anywhere else: no font, no CDN, no tracker.
    for (const { url } of resources) expect(url.startsWith('/')).toBe(true);
  });

  it.each(['/recherche?q=transport', '/et-si', '/services/quimper-bretagne-occidentale-piscines-tarif-reduit'])(
    '%s, with its script where it has one, stays within the same budget',
    async (path) => {
      const { total, resources } = await firstVisit(path);
      expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
      for (const { url } of resources) expect(url.startsWith('/')).toBe(true);
    },
  );
});
