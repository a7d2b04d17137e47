import { Agent, request } from 'undici';

export interface BrpPersoon {
  naam: string;
  geboortedatum: string;
  geslacht: 'man' | 'vrouw' | 'x';
  /** Settlement in the municipality: with DUO's melding it starts the PIP term (Besluit art. 5.3). */
  datumInschrijvingBrp?: string;
}

/**
 * Name, birth date and sex of a BSN, which DUO's notification does not carry and registration requires: the
 * municipality's own BRP, via Haal Centraal "BRP Personen bevragen" (POST {BRP_API_URL}/personen,
 * RaadpleegMetBurgerservicenummer). Unset BRP_API_URL: no source, and a notification for an unknown BSN is shown on
 * the DUO dashboard for a case worker to register by hand.
 */
export class PersoonBron {
  private readonly agent = new Agent({ headersTimeout: 15_000, bodyTimeout: 15_000 });

  /** `url` and `apiKey`: BRP_API_URL and BRP_API_KEY (AppConfig's `brp`). */
  constructor(private readonly url?: string, private readonly apiKey?: string) {}

  get ingesteld(): boolean {
    return !!this.url;
  }

  /** The person, or null when the BRP does not know the BSN; throws when the BRP cannot be reached (retried later). */
  async persoon(bsn: string): Promise<BrpPersoon | null> {
    if (!this.url) return null;
    const res = await request(`${this.url.replace(/\/+$/, '')}/personen`, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}) },
      body: JSON.stringify({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: [bsn], fields: ['naam.volledigeNaam', 'geboorte.datum', 'geslacht', 'datumInschrijvingInGemeente'] }),
    });
    const body = (await res.body.json().catch(() => undefined)) as { personen?: any[] } | undefined;
    if (res.statusCode >= 500 || res.statusCode === 429) throw new Error(`BRP antwoordde ${res.statusCode}`);
    const p = res.statusCode === 200 ? body?.personen?.[0] : undefined;
    const geboortedatum = p?.geboorte?.datum?.datum;
    if (!p || !p.naam?.volledigeNaam || typeof geboortedatum !== 'string') return null;
    const code = p.geslacht?.code;
    const inschrijving = p.datumInschrijvingInGemeente?.datum;
    return {
      naam: p.naam.volledigeNaam, geboortedatum, geslacht: code === 'M' ? 'man' : code === 'V' ? 'vrouw' : 'x',
      ...(typeof inschrijving === 'string' ? { datumInschrijvingBrp: inschrijving } : {}),
    };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
