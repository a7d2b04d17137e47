import fc from 'fast-check';
import { AnyMachineSnapshot } from 'xstate';
import { inburgeringKind as kind } from '../inburgering/kind';
import { leef, registratie, stap } from '../inburgering/testing/willekeurige-levens';
import { initialSnapshot, step, stepIfAccepted } from './fold';
import { Gated, gegateMetGevolgen, metGevolgen } from './gevolgen';
import { DomainEvent } from './kind';

/** What the command handler's decide did before `gegateMetGevolgen`: build the list, then gate each event in order. */
function zoalsGeschreven(snapshot: AnyMachineSnapshot, feiten: DomainEvent[], today: string): Gated {
  const alle = metGevolgen(kind, snapshot, feiten, today);
  let na = snapshot;
  for (const e of alle) {
    const next = stepIfAccepted(kind, na, e);
    if (!next) return { geweigerd: e };
    na = next;
  }
  return { events: alle, snapshot: na };
}

const vergelijkbaar = (g: Gated) =>
  'geweigerd' in g ? { geweigerd: g.geweigerd } : { events: g.events, value: g.snapshot.value, context: g.snapshot.context, status: g.snapshot.status };

describe('gegateMetGevolgen', () => {
  it('gives what gating metGevolgen gives: the same events, snapshot or first refusal, for facts accepted or not', () => {
    let gelijkeGevallen = 0;
    let weigeringen = 0;
    fc.assert(
      fc.property(registratie, fc.array(stap, { minLength: 1, maxLength: 40 }), registratie, fc.array(stap, { minLength: 1, maxLength: 40 }), (r1, s1, r2, s2) => {
        const a = leef(r1, s1).events;
        // Facts of another life: many are refused here, some end the trajectory.
        const vreemd = leef(r2, s2).events.filter((e) => !e.type.startsWith('Termijn'));
        let snapshot = initialSnapshot(kind);
        for (let i = 0; i < a.length; i++) {
          const kandidaten = [a[i], vreemd[i % vreemd.length], ...(i % 5 === 0 ? [vreemd[(i + 1) % vreemd.length], a[i]] : [])];
          for (const feiten of [[kandidaten[0]], kandidaten.slice(1)]) {
            const verwacht = vergelijkbaar(zoalsGeschreven(snapshot, feiten, feiten[0].datum));
            expect(vergelijkbaar(gegateMetGevolgen(kind, snapshot, feiten, feiten[0].datum))).toEqual(verwacht);
            gelijkeGevallen++;
            if ('geweigerd' in verwacht) weigeringen++;
          }
          snapshot = step(kind, snapshot, a[i]);
        }
      }),
      { numRuns: 60 },
    );
    // Not vacuous: both accepted and refused cases were compared.
    expect(weigeringen).toBeGreaterThan(50);
    expect(gelijkeGevallen - weigeringen).toBeGreaterThan(50);
  });

  it('without facts (a catch-up) gives the gevolgen of the snapshot as it is', () => {
    const leven = leef({ asiel: true, start: 10, leeftijd: 30, melding: 0, koppeling: 0, brp: 0 }, []);
    let snapshot = initialSnapshot(kind);
    for (const e of leven.events) snapshot = step(kind, snapshot, e);
    expect(vergelijkbaar(gegateMetGevolgen(kind, snapshot, [], '2030-01-01'))).toEqual(vergelijkbaar(zoalsGeschreven(snapshot, [], '2030-01-01')));
  });
});
