import fc from 'fast-check';
import { fold } from '../core/fold';
import { ID, stored } from '../core/testing/given';
import { inburgeringKind as kind } from './kind';
import { leef, registratie, stap } from './testing/willekeurige-levens';

/** Random lives (testing/willekeurige-levens.ts): whatever happens, the stream must fold, and fold the same way twice. */

describe('inburgering machine, random lives', () => {
  it('a stream of accepted commands always folds, folds the same twice, and reproduces the state', () => {
    const lengtes: number[] = [];
    const fasen = new Set<string>();
    fc.assert(
      fc.property(registratie, fc.array(stap, { minLength: 1, maxLength: 60, size: 'max' }), (r, stappen) => {
        const leven = leef(r, stappen);
        lengtes.push(leven.events.length);
        fasen.add(kind.fase(leven.state.snapshot));
        const een = fold(kind, ID, stored(leven.events));
        const twee = fold(kind, ID, stored(leven.events));
        expect(twee.snapshot.value).toEqual(een.snapshot.value);
        expect(twee.context).toEqual(een.context);
        // Replaying the stored events reproduces the state the commands built step by step.
        expect(een.snapshot.value).toEqual(leven.state.snapshot.value);
        expect(een.context).toEqual(leven.state.context);
        expect(een.snapshot.status).toBe(leven.state.snapshot.status);
        // A final phase accepts nothing.
        expect(leven.naFinaal).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // The generator is not vacuous: lives get somewhere.
    expect(Math.max(...lengtes)).toBeGreaterThan(30);
    expect([...fasen]).toEqual(expect.arrayContaining(['aangemeld', 'intake', 'uitvoering', 'beeindigd']));
  });

  it('a stream with one stored event the machine refuses does not fold (CorruptStream)', () => {
    fc.assert(
      fc.property(registratie, fc.array(stap, { minLength: 5, maxLength: 40 }), fc.nat(), (r, stappen, plek) => {
        const { events } = leef(r, stappen);
        // A second registration is refused in every phase: inserting it anywhere after the first is corruption.
        const i = 1 + (plek % events.length);
        const kapot = [...events.slice(0, i), events[0], ...events.slice(i)];
        expect(() => fold(kind, ID, stored(kapot))).toThrow(expect.objectContaining({ name: 'CorruptStream', version: i + 1 }));
      }),
      { numRuns: 100 },
    );
  });
});
