import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/** The newest modification time of the files under `dir`. */
function nieuwste(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

/**
 * The console must be built (npm run build: nest build, the OpenAPI types, tsc, vite). A clean clone has no build, and
 * a build older than the console's or the server's sources is stale: build, as `npm start` would. CONSOLE_BUILD=1 forces it.
 */
export function zorgVoorConsoleBuild(): void {
  const index = join(ROOT, 'console', 'dist', 'index.html');
  const actueel = existsSync(index) && statSync(index).mtimeMs >= Math.max(nieuwste(join(ROOT, 'console', 'src')), nieuwste(join(ROOT, 'src')));
  if (actueel && process.env.CONSOLE_BUILD !== '1') return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Debian's Chromium from the PATH (`.ci/run` installs it with apt-get when missing); test tools download no browser here. */
export async function startChromium(): Promise<Browser> {
  let executablePath: string;
  try {
    executablePath = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Geen chromium op het PATH: apt-get install -y chromium (dat doet .ci/run)');
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--no-first-run'],
  });
}

// The console's tests use the one test OpenID Provider (test/support/oidc-provider.ts).
export { Account, OidcProvider } from './oidc-provider';

/** Every table row of `[data-testid=id]` as the text of its cells. */
export async function tabel(page: Page, testId: string): Promise<string[][]> {
  await page.locator(`[data-testid="${testId}"]`).waitFor();
  // Runs in the page (this project compiles without the DOM types, hence `any`).
  return page.$$eval(`[data-testid="${testId}"] tbody tr`, (rows: any[]) =>
    rows.map((r) => Array.from(r.children as ArrayLike<any>).map((c) => String(c.textContent ?? '').trim())).filter((r) => r.length > 1));
}

/** "66,7%" → 66.7; "–" → null. */
export const alsGetal = (tekst: string): number | null => (tekst === '–' ? null : Number(tekst.replace('%', '').replace(/\./g, '').replace(',', '.')));

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeSchending {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * axe-core over the whole page against WCAG 2.0/2.1 A and AA. Evaluated through the DevTools protocol, which the
 * console's strict CSP (no inline script) does not block, so the CSP under test stays as it is.
 */
export async function axe(page: Page): Promise<AxeSchending[]> {
  await page.evaluate(AXE);
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`) as Promise<AxeSchending[]>;
}

export const ernstig = (v: AxeSchending[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
