import { Change, ProjectionReader } from './projection';

/**
 * The rows of one read-model table that a batch of events touches, each read at most once and written at most once,
 * at the end of the batch (`changes()`): a rebuild's page of thousands of events then costs one read and one write per
 * row instead of one per event. Within the batch, `get` sees what `set` put there. A projection using it keeps one code
 * path: its `handle` is its `handleBatch` of one event (see `perBatch`).
 */
export class Rijen<R> {
  private readonly rijen = new Map<string, { rij: R | undefined; bron: R | undefined; gewijzigd: boolean }>();
  /** In a rebuild from 0: the keys written to `table` so far (ProjectionReader.written); any other key has no row. */
  private readonly written: Set<string> | undefined;

  constructor(
    private readonly read: ProjectionReader,
    /** The table `lees` reads and `schrijf` writes; its rows are written through this class only. */
    table: string,
    private readonly lees: (read: ProjectionReader, key: string) => R | undefined,
    /** The change writing the row's final state; null when nothing needs writing (e.g. it equals `bron`, the row as read). */
    private readonly schrijf: (key: string, rij: R, bron: R | undefined) => Change | null,
  ) {
    this.written = read.written?.(table);
  }

  get(key: string): R | undefined {
    return this.entry(key).rij;
  }

  /** The batch's entry of the row, read (or known absent) when first asked for: one lookup per call. */
  private entry(key: string): { rij: R | undefined; bron: R | undefined; gewijzigd: boolean } {
    let e = this.rijen.get(key);
    if (!e) {
      const rij = this.bestaand(key);
      this.rijen.set(key, (e = { rij, bron: rij, gewijzigd: false }));
    }
    return e;
  }

  /** The row as stored; a rebuild from 0 knows without a query that a trajectory it has not written yet has none. */
  private bestaand(key: string): R | undefined {
    return this.written && !this.written.has(key) ? undefined : this.lees(this.read, key);
  }

  set(key: string, rij: R): void {
    const e = this.rijen.get(key);
    // The entry is updated in place: a projection sets its row once per event, thousands of times per page.
    if (e) {
      e.rij = rij;
      e.gewijzigd = true;
    } else {
      this.rijen.set(key, { rij, bron: this.bestaand(key), gewijzigd: true });
    }
  }

  /**
   * The row to change in place (undefined when there is none): a copy of the row as read, made once per batch, then the
   * same object for every later event of the batch (no new object per event). Counts as set.
   */
  bewerk(key: string): R | undefined {
    const e = this.entry(key);
    if (e.rij === undefined) return undefined;
    if (e.rij === e.bron) e.rij = { ...e.rij };
    e.gewijzigd = true;
    return e.rij;
  }

  /** One change per row set in this batch, in the order the rows were first touched. */
  changes(): Change[] {
    const out: Change[] = [];
    for (const [key, e] of this.rijen) {
      if (!e.gewijzigd || e.rij === undefined) continue;
      const c = this.schrijf(key, e.rij, e.bron);
      if (c) {
        out.push(c);
        this.written?.add(key);
      }
    }
    return out;
  }
}

/**
 * `INSERT … ON CONFLICT(key) DO UPDATE` of every column: the row's whole final state. Named parameters (@column), or
 * positional ones (?, in the order of `columns`: binding an array is cheaper than looking up each name in an object).
 */
export function upsertSql(table: string, key: string[], columns: string[], params: 'named' | 'positional' = 'named'): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => (params === 'named' ? `@${c}` : '?')).join(', ')})
    ON CONFLICT(${key.join(', ')}) DO UPDATE SET ${columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ')}`;
}
