import { ReadinessResult } from '../health/readiness.service';
import { MAX_SLEEP_MS, SchedulerHealth } from './scheduler';

/**
 * /ready for the deadline scheduler. Not ready when it cannot do its work: its last tick failed as a whole (it is
 * retried), or it did not wake up when planned (a stalled timer). A single deadline that failed to fire (`fout`)
 * is shown but leaves the service ready: it is retried on the next tick, and taking every request out of service
 * for one trajectory would do more harm than good.
 */
export function schedulerReadiness(h: SchedulerHealth, now: Date = new Date()): ReadinessResult {
  const info = { ...h } as Record<string, unknown>;
  if (!h.enabled) return { ready: true, detail: 'disabled (SCHEDULER_ENABLED=false, or stopped)', info };
  const tickFailed = h.lastError?.tick === true && (!h.lastRun || h.lastError.at > h.lastRun.finishedAt);
  if (tickFailed) return { ready: false, detail: `last run failed at ${h.lastError!.at}: ${h.lastError!.message}; next attempt ${h.nextWakeUp}`, info };
  const overdue = !h.running && h.nextWakeUp !== undefined && now.getTime() - Date.parse(h.nextWakeUp) > MAX_SLEEP_MS;
  if (overdue) return { ready: false, detail: `did not wake up at ${h.nextWakeUp}`, info };
  const failedFirings = h.lastRun?.failed ? `; ${h.lastRun.failed} deadline(s) failed to fire, last: ${h.lastError?.message}` : '';
  return { ready: true, detail: `last run ${h.lastRun?.finishedAt ?? 'not yet'}, next wake-up ${h.nextWakeUp ?? 'not planned'}${failedFirings}`, info };
}
