import { expect } from 'vitest';
// Headless Debian chromium driven by playwright-core, and axe-core run inside the page.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with "apt-get install chromium" (npm test does it when run as root).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[]; html: string }[] };

/** Runs axe-core with the WCAG 2.1 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not
  // block the audit itself.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[]; passes: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    // An audit that checked nothing proves nothing.
    if (result.passes.length === 0) throw new Error('axe-core ran no rule on this page');
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
}

/**
 * No axe-core violation at the narrowest width the RGAA and WCAG 1.4.10 ask pages to reflow to
 * (320 CSS px, a small phone) and at a desktop's, and, unless `overflow` is false, nothing wider
 * than the screen: no horizontal scrolling.
 */
export async function expectAccessible(page: Page, name: string, { overflow = true } = {}): Promise<void> {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const violations = await axeViolations(page);
    expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    if (!overflow) continue;
    const extra = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(extra, `${name} overflows at ${width}px`).toBeLessThanOrEqual(0);
  }
}

/**
 * After a login through mon-compte: clicks "Autoriser" if the consent screen comes (its page may
 * come at /auth itself), or goes on when the browser is already back at `destination`.
 */
export async function allowIfAsked(page: Page, destination: string): Promise<void> {
  const allow = page.getByRole('button', { name: 'Autoriser' });
  await expect.poll(async () => page.url() === destination || (await allow.isVisible())).toBe(true);
  if (await allow.isVisible()) await allow.click();
}
