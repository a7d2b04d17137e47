import { inburgeringKind } from '../../inburgering/kind';
import { aangemeld, inburgering, intakeAfgerond, op, pip } from '../../inburgering/testing/scenario';
import { CorruptStream } from '../errors';
import { given } from './given';

/** The harness must be able to fail: each assertion is checked against an outcome that contradicts it. */
describe('given/when/then harness', () => {
  it('thenAppends fails when the command was refused, naming the refusal', () => {
    const outcome = inburgering(aangemeld()).when('rond-map-af', { datum: '2024-05-01' }, op);
    expect(() => outcome.thenAppends([{ type: 'MapAfgerond' }])).toThrow(/refused: CommandRejected/);
  });

  it('thenAppends fails on a different type, different data or a missing event', () => {
    const outcome = inburgering(aangemeld()).when('start-brede-intake', { datum: '2024-02-01' }, op);
    outcome.thenAppends([{ type: 'BredeIntakeGestart', data: { datum: '2024-02-01' }, datum: '2024-02-01' }]);
    expect(() => outcome.thenAppends([{ type: 'BredeIntakeAfgerond' }])).toThrow();
    expect(() => outcome.thenAppends([{ type: 'BredeIntakeGestart', data: { datum: '2024-02-02' } }])).toThrow();
    expect(() => outcome.thenAppends([{ type: 'BredeIntakeGestart' }, { type: 'BredeIntakeGestart' }])).toThrow();
  });

  it('thenRejects fails when the command was accepted, or refused with another code or message', () => {
    const accepted = inburgering(aangemeld()).when('start-brede-intake', { datum: '2024-02-01' }, op);
    expect(() => accepted.thenRejects('CommandRejected')).toThrow(/appended BredeIntakeGestart/);
    const refused = inburgering(aangemeld()).when('start-brede-intake', { datum: '2099-01-01' }, op);
    refused.thenRejects('ValidationFailed', /toekomst/);
    expect(() => refused.thenRejects('CommandRejected')).toThrow();
    expect(() => refused.thenRejects('ValidationFailed', /leeftijd/)).toThrow();
  });

  it('thenState fails on another state value', () => {
    const outcome = inburgering(aangemeld()).when('start-brede-intake', { datum: '2024-02-01' }, op);
    outcome.thenState('intake');
    expect(() => outcome.thenState('aangemeld')).toThrow();
  });

  it('gates every produced fact with the machine: decide alone is not enough', () => {
    // decide of stel-pip-vast has no phase rule; only the machine knows the brede intake must be afgerond.
    inburgering(aangemeld()).when('stel-pip-vast', { datum: '2024-03-14', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] }, op)
      .thenRejects('CommandRejected', /PipVastgesteld is niet toegestaan in fase aangemeld/);
  });

  it('folds the given facts strictly: a fact the machine refuses is a CorruptStream', () => {
    expect(() => inburgering(intakeAfgerond(), pip(), pip())).toThrow(CorruptStream);
  });

  it('a name of no kind is a NotFound; a system action is not offered unless asked for', () => {
    inburgering(aangemeld()).when('vlieg-naar-de-maan', { datum: '2024-02-01' }, op).thenRejects('NotFound');
    inburgering(aangemeld()).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, op).thenRejects('NotFound');
  });

  it('registreer needs an empty stream', () => {
    expect(() => given(inburgeringKind, ...aangemeld()).registreer({}, op)).toThrow(/empty stream/);
  });
});
