/**
 * Progress of long work (demo, projection rebuild, benchmarks) for a person at a terminal: one line, redrawn at most
 * once a second, with what is done, the rate and the time left. Quiet where nobody watches (CI=true, or the stream
 * is not a TTY: a log file or a pipe), so CI logs get no carriage-return noise.
 */
export interface Voortgang {
  /** `klaar` units done; `fractie` (0..1) when the total is not in the same units (e.g. log positions). */
  bij(klaar: number, fractie?: number): void;
  /** Ends the line (when one was drawn). */
  einde(): void;
}

export interface VoortgangOpties {
  totaal?: number;
  eenheid?: string;
  out?: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  nu?: () => number;
  /** Milliseconds between two lines (default 1000). */
  interval?: number;
}

/** Whether to draw: a terminal, and not CI. */
export const toonVoortgang = (out: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean =>
  !!out.isTTY && !/^(1|true|yes)$/i.test(env.CI ?? '');

const getal = (n: number) => Math.round(n).toLocaleString('en');
const duur = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)} u ${Math.round((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

/** The text of one progress line (pure, for the test). */
export function voortgangsregel(label: string, klaar: number, seconden: number, opties: { totaal?: number; eenheid?: string; fractie?: number }): string {
  const eenheid = opties.eenheid ? ` ${opties.eenheid}` : '';
  const fractie = opties.fractie ?? (opties.totaal ? klaar / opties.totaal : undefined);
  const tempo = seconden > 0 ? `${getal(klaar / seconden)}${eenheid}/s` : '';
  const deel = opties.totaal !== undefined ? `${getal(klaar)} / ${getal(opties.totaal)}${eenheid}` : `${getal(klaar)}${eenheid}`;
  const rest = fractie !== undefined && fractie > 0 && fractie < 1 ? `, nog ~${duur((seconden * (1 - fractie)) / fractie)}` : '';
  const pct = fractie !== undefined ? ` (${(Math.min(1, fractie) * 100).toFixed(1)}%)` : '';
  return `${label}: ${deel}${pct}${tempo ? `, ${tempo}` : ''}${rest}`;
}

export function voortgang(label: string, opties: VoortgangOpties = {}): Voortgang {
  const out = opties.out ?? process.stderr;
  if (!toonVoortgang(out, opties.env)) return { bij: () => undefined, einde: () => undefined };
  const nu = opties.nu ?? (() => Date.now());
  const interval = opties.interval ?? 1000;
  const start = nu();
  let laatst = start;
  let getekend = false;
  return {
    bij(klaar, fractie) {
      const t = nu();
      if (t - laatst < interval) return;
      laatst = t;
      getekend = true;
      out.write(`\r\x1b[2K${voortgangsregel(label, klaar, (t - start) / 1000, { ...opties, fractie })}`);
    },
    einde() {
      if (getekend) out.write('\r\x1b[2K');
    },
  };
}
