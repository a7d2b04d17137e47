import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Account {
  name: string;
  rollen: string[];
}

/**
 * The one test OpenID Provider (test/support/oidc-provider.mjs, oidc-provider is ESM-only) in its own process: the
 * auth suite takes client-credentials tokens and drives outages and key rotation; the console registers itself as a
 * public client with its accounts (configureer).
 */
export class OidcProvider {
  private constructor(private readonly child: ChildProcess, readonly issuer: string, readonly audience: string) {}

  static start(): Promise<OidcProvider> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr!.on('data', (d: Buffer) => {
        const s = d.toString();
        if (!/WARNING/.test(s)) process.stderr.write(`[oidc] ${s}`);
      });
      let out = '';
      child.stdout!.on('data', (c) => {
        out += c;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) {
          const { issuer, audience } = JSON.parse(line) as { issuer: string; audience: string };
          resolve(new OidcProvider(child, issuer, audience));
        }
      });
      child.on('exit', (code) => reject(new Error(`oidc-provider stopte (${code})`)));
    });
  }

  /** An access token for client ie-test (client_credentials) with `rollen: ["teamleider"]`. */
  async token(): Promise<string> {
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('ie-test:ie-test-secret').toString('base64')}` },
      body: 'grant_type=client_credentials&scope=api',
    });
    if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** `jwks-down`, `jwks-up`, `rotate?keep=true|false`. */
  async control(path: string): Promise<void> {
    const res = await fetch(`${this.issuer}/_test/${path}`, { method: 'POST' });
    if (res.status !== 204) throw new Error(`_test/${path}: ${res.status}`);
  }

  /** Registers the console as a public client (PKCE, code flow) with its redirect URI, the API's audience and the accounts. */
  async configureer(redirectUri: string, audience: string, accounts: Record<string, Account>): Promise<void> {
    const res = await fetch(`${this.issuer}/_test/configure`, { method: 'POST', body: JSON.stringify({ redirectUri, audience, accounts }) });
    if (res.status !== 204) throw new Error(`_test/configure: ${res.status}`);
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}
