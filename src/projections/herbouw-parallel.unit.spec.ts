import { verdeel } from './herbouw-parallel';
import { Projection } from './projection';

const p = (name: string, types?: string[]): Projection => ({ name, version: 1, schema: '', tables: [], ...(types ? { types } : {}), handle: () => [] });

describe('sharing a parallel rebuild out over two threads (verdeel)', () => {
  const alle = [p('trajecten'), p('termijnen', ['A']), p('ambities', ['B']), p('inzage'), p('schedule', ['A']), p('duo-outbox', ['C'])];
  const namen = (ps: Projection[]) => ps.map((x) => x.name);

  it('without weights: the projections that declare their types go to the worker, the others stay', () => {
    const { hier, daar } = verdeel(alle);
    expect(namen(hier)).toEqual(['trajecten', 'inzage']);
    expect(namen(daar)).toEqual(['termijnen', 'ambities', 'schedule', 'duo-outbox']);
  });

  it('with the times of an earlier rebuild: heaviest first to the side with the least work, in the caller order', () => {
    const gewichten = new Map([['trajecten', 1.4], ['inzage', 0.05], ['ambities', 1.1], ['duo-outbox', 0.6], ['termijnen', 0.5], ['schedule', 0.2]]);
    const { hier, daar } = verdeel(alle, gewichten);
    // Here 1.45 to start; ambities (1.1) → worker; duo-outbox → worker (1.1 < 1.45): 1.7; termijnen → here: 1.95; schedule → worker: 1.9.
    expect(namen(hier)).toEqual(['trajecten', 'termijnen', 'inzage']);
    expect(namen(daar)).toEqual(['ambities', 'schedule', 'duo-outbox']);
  });

  it('all in this thread when one side would be empty', () => {
    expect(verdeel([p('a'), p('b')]).daar).toEqual([]);
    expect(namen(verdeel([p('a', ['X']), p('b', ['Y'])]).hier)).toEqual(['a', 'b']);
    expect(verdeel([p('a', ['X']), p('b', ['Y'])]).daar).toEqual([]);
  });
});
