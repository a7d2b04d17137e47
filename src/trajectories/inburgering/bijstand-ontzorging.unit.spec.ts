import { feit } from './actions';
import { aangemeld, inIntake, inUitvoering, inburgering, op } from './testing/scenario';

const bijstand = (ingangsdatum = '2024-02-01') => feit('BijstandToegekend', { ingangsdatum }, ingangsdatum);
const ontzorging = (ingangsdatum = '2024-02-01', tot = '2024-08-01') => feit('OntzorgingGestart', { ingangsdatum, tot }, ingangsdatum);
const metOntzorging = () => [...aangemeld('asielstatushouder'), bijstand(), ontzorging()];
const beeindigd = feit('TrajectBeeindigd', { datum: '2024-03-01', reden: 'vertrokken' }, '2024-03-01');

describe('any non-final phase › bijstand (Participatiewet)', () => {
  describe('registreer-bijstand', () => {
    it('for an asielstatushouder: BijstandToegekend and OntzorgingGestart until ingangsdatum + 6 months (Pw art. 56a)', () => {
      inburgering(aangemeld('asielstatushouder')).when('registreer-bijstand', { ingangsdatum: '2024-02-01' }, op)
        .thenAppends([
          { type: 'BijstandToegekend', data: { ingangsdatum: '2024-02-01' }, datum: '2024-02-01' },
          { type: 'OntzorgingGestart', data: { ingangsdatum: '2024-02-01', tot: '2024-08-01' }, datum: '2024-02-01' },
        ]);
    });
    it('an ingangsdatum of 31 August gives tot = the end of February (clamped)', () => {
      inburgering(aangemeld('asielstatushouder')).when('registreer-bijstand', { ingangsdatum: '2024-08-31' }, op)
        .thenAppends([{ type: 'BijstandToegekend' }, { type: 'OntzorgingGestart', data: { ingangsdatum: '2024-08-31', tot: '2025-02-28' } }]);
      inburgering(aangemeld('asielstatushouder')).when('registreer-bijstand', { ingangsdatum: '2023-08-31' }, op)
        .thenAppends([{ type: 'BijstandToegekend' }, { type: 'OntzorgingGestart', data: { ingangsdatum: '2023-08-31', tot: '2024-02-29' } }]);
    });
    it('for a gezinsmigrant: only BijstandToegekend (no ontzorging)', () => {
      inburgering(aangemeld('gezinsmigrant')).when('registreer-bijstand', { ingangsdatum: '2024-02-01' }, op)
        .thenAppends([{ type: 'BijstandToegekend', data: { ingangsdatum: '2024-02-01' } }]);
    });
    it('is accepted in intake and uitvoering; the ontzorging region follows', () => {
      inburgering(inIntake()).when('registreer-bijstand', { ingangsdatum: '2024-02-01' }, op).thenAppends([{ type: 'BijstandToegekend' }, { type: 'OntzorgingGestart' }]);
      inburgering(inUitvoering()).when('registreer-bijstand', { ingangsdatum: '2024-04-01' }, op).thenState({ uitvoering: { ontzorging: 'actief' } });
    });
    it('is refused while bijstand is already active (422)', () => {
      inburgering(aangemeld('gezinsmigrant'), bijstand()).when('registreer-bijstand', { ingangsdatum: '2024-03-01' }, op).thenRejects('CommandRejected');
    });
    it('refuses an ingangsdatum in the future (400)', () => {
      inburgering(aangemeld()).when('registreer-bijstand', { ingangsdatum: '2025-06-02' }, op).thenRejects('ValidationFailed', /ingangsdatum/);
    });
    it('carries no datum: its business date is the ingangsdatum (400 on an extra datum)', () => {
      inburgering(aangemeld()).when('registreer-bijstand', { ingangsdatum: '2024-02-01', datum: '2024-02-01' }, op).thenRejects('ValidationFailed');
    });
    it('is refused in a final phase (422)', () => {
      inburgering(aangemeld(), beeindigd).when('registreer-bijstand', { ingangsdatum: '2024-02-01' }, op).thenRejects('CommandRejected');
    });
  });

  describe('beeindig-bijstand', () => {
    it('with active ontzorging also ends it, reden bijstand-beeindigd', () => {
      const outcome = inburgering(metOntzorging()).when('beeindig-bijstand', { datum: '2024-05-01' }, op)
        .thenAppends([
          { type: 'BijstandBeeindigd', data: { datum: '2024-05-01' } },
          { type: 'OntzorgingBeeindigd', data: { datum: '2024-05-01', reden: 'bijstand-beeindigd' } },
        ]);
      expect(outcome.view().uitkeringsgerechtigd).toBe(false);
      expect(outcome.view().ontzorging).toMatchObject({ actief: false, reden: 'bijstand-beeindigd' });
    });
    it('without ontzorging only ends the bijstand', () => {
      inburgering(aangemeld('gezinsmigrant'), bijstand()).when('beeindig-bijstand', { datum: '2024-05-01' }, op).thenAppends([{ type: 'BijstandBeeindigd' }]);
    });
    it('after ontzorging ended, only ends the bijstand', () => {
      const opVerzoek = feit('OntzorgingBeeindigd', { datum: '2024-03-01', reden: 'op-verzoek' }, '2024-03-01');
      inburgering(metOntzorging(), opVerzoek).when('beeindig-bijstand', { datum: '2024-05-01' }, op).thenAppends([{ type: 'BijstandBeeindigd' }]);
    });
    it('is refused without active bijstand (422)', () => {
      inburgering(aangemeld()).when('beeindig-bijstand', { datum: '2024-05-01' }, op).thenRejects('CommandRejected', /BijstandBeeindigd is niet toegestaan/);
    });
    it('is refused before the ingangsdatum (422)', () => {
      inburgering(metOntzorging()).when('beeindig-bijstand', { datum: '2024-01-31' }, op).thenRejects('CommandRejected', /ingangsdatum 2024-02-01/);
    });
  });

  describe('verleng-ontzorging', () => {
    it('moves tot to a later date, which may lie in the future', () => {
      const outcome = inburgering(metOntzorging()).when('verleng-ontzorging', { datum: '2024-07-01', tot: '2025-08-01', reden: 'schulden' }, op)
        .thenAppends([{ type: 'OntzorgingVerlengd', data: { datum: '2024-07-01', tot: '2025-08-01', reden: 'schulden' } }]);
      expect(outcome.state.context.ontzorging).toMatchObject({ tot: '2025-08-01', einddatum: null });
    });
    it('refuses a tot not later than the current one (422)', () => {
      inburgering(metOntzorging()).when('verleng-ontzorging', { datum: '2024-07-01', tot: '2024-08-01', reden: 'x' }, op)
        .thenRejects('CommandRejected', /na 2024-08-01/);
    });
    it('is refused for a gezinsmigrant, who has no ontzorging (422)', () => {
      inburgering(aangemeld('gezinsmigrant'), bijstand()).when('verleng-ontzorging', { datum: '2024-07-01', tot: '2025-08-01', reden: 'x' }, op)
        .thenRejects('CommandRejected');
    });
    it('is refused after the ontzorging ended (422)', () => {
      const einde = feit('OntzorgingBeeindigd', { datum: '2024-03-01', reden: 'op-verzoek' }, '2024-03-01');
      inburgering(metOntzorging(), einde).when('verleng-ontzorging', { datum: '2024-07-01', tot: '2025-08-01', reden: 'x' }, op).thenRejects('CommandRejected');
    });
  });

  describe('beeindig-ontzorging', () => {
    it('ends an active ontzorging on request', () => {
      inburgering(metOntzorging()).when('beeindig-ontzorging', { datum: '2024-04-01', reden: 'op-verzoek' }, op)
        .thenAppends([{ type: 'OntzorgingBeeindigd', data: { datum: '2024-04-01', reden: 'op-verzoek' } }]);
    });
    it('is refused for a gezinsmigrant (422)', () => {
      inburgering(aangemeld('gezinsmigrant'), bijstand()).when('beeindig-ontzorging', { datum: '2024-04-01', reden: 'op-verzoek' }, op).thenRejects('CommandRejected');
    });
    it('is refused before the ontzorging began (422)', () => {
      inburgering(metOntzorging()).when('beeindig-ontzorging', { datum: '2024-01-15', reden: 'anders' }, op).thenRejects('CommandRejected', /begon op 2024-02-01/);
    });
    it('the reden termijn-verstreken is the system\'s, not a case worker\'s (400)', () => {
      inburgering(metOntzorging()).when('beeindig-ontzorging', { datum: '2024-04-01', reden: 'termijn-verstreken' }, op).thenRejects('ValidationFailed');
    });
    it('in uitvoering, the ontzorging region goes actief → beeindigd', () => {
      inburgering(inUitvoering(), bijstand('2024-04-01'), ontzorging('2024-04-01', '2024-10-01')).when('beeindig-ontzorging', { datum: '2024-05-01', reden: 'anders' }, op)
        .thenState({ uitvoering: { ontzorging: 'beeindigd' } });
    });
  });
});
