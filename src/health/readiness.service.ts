import { Injectable, Logger } from '@nestjs/common';

export interface ReadinessResult {
  ready: boolean;
  /** Short, for people: what is not ready and why. */
  detail?: string;
  /** Structured state for operators and monitoring (e.g. each projection's position and health, the scheduler's last run). */
  info?: Record<string, unknown>;
}

/** A check answers quickly from in-memory state (e.g. "projection at the head of the log"). */
export type ReadinessCheck = () => ReadinessResult | Promise<ReadinessResult>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, ReadinessResult>;
}

/** A check that takes longer than this counts as not ready, so /ready never hangs. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * What `GET /ready` asks. Modules register their own checks at start-up, e.g. a projection runner:
 * `readiness.register('projectie:trajectlijst', () => ({ ready: runner.caughtUp }))`.
 * The application is ready when every registered check is.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger(ReadinessService.name);
  private readonly checks = new Map<string, ReadinessCheck>();

  /** Adds (or replaces) the check named `name`; returns a function that removes it. */
  register(name: string, check: ReadinessCheck): () => void {
    this.checks.set(name, check);
    return () => {
      if (this.checks.get(name) === check) this.checks.delete(name);
    };
  }

  async evaluate(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(name, check)] as const),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, r]) => r.ready), checks };
  }

  private async run(name: string, check: ReadinessCheck): Promise<ReadinessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, detail: 'controle duurde te lang' }), CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([Promise.resolve().then(check), timeout]);
    } catch (err) {
      this.logger.warn({ err, check: name }, 'Gereedheidscontrole faalde');
      return { ready: false, detail: 'controle faalde' };
    } finally {
      clearTimeout(timer);
    }
  }
}
