import { elfproef } from '../../src/trajectories/core/validators';

/** The first n BSNs from `van` that pass the elfproef. */
export function bsns(n: number, van = 200_000_000): string[] {
  const uit: string[] = [];
  for (let b = van; uit.length < n; b++) if (elfproef(String(b))) uit.push(String(b));
  return uit;
}
