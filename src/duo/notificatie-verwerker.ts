import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { Subscription, filter } from 'rxjs';
import { v5 as uuidv5 } from 'uuid';
import { EventStore } from '../events/event-store';
import { ConcurrencyConflict } from '../events/errors';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { ProjectionReader } from '../projections/projection';
import { ProjectionRunner } from '../projections/runner';
import { sqlOver } from '../projections/reader';
import { CommandHandler } from '../trajectories/core/command-handler';
import { CommandRejected, NotFound } from '../trajectories/core/errors';
import { TrajectRepository, streamIdOf } from '../trajectories/core/traject-repository';
import type { InburgeringContext } from '../trajectories';
import { DuoClient } from './duo-client';
import { DUO_CONFIG, DuoConfig } from './duo-config';
import { KeyStore } from '../privacy/key-store';
import { PROJECTIE_SLEUTELS, ProjectieSleutels } from '../projections/zoeksleutels';
import { DUO_NOTIFICATIES, OUDE_DUO_BSN, duoNotificatiesProjection, trajectBijBsn } from './duo.projections';
import {
  DUO_NOTIFICATIES_STREAM, DuoNotificatie, DuoNotificatieVerwerktData, DuoUitkomst, ONTVANGEN_SCHEMA_VERSIE,
} from './notificatie-events';
import { leesOntvangen, ontvangenData } from './notificatie-lezen';
import { PersoonBron } from './persoon-bron';

/** Namespace of every id derived from a notification's BerichtId (trajectory ids, event ids). */
export const DUO_NOTIFICATIE_NAMESPACE = '9d3e1f0a-4b6c-5e7d-8f90-a1b2c3d4e5f6';
export const DUO_ACTOR = { id: 'duo', rol: 'systeem' } as const;
const ZONE = 'Europe/Amsterdam';

type Resultaat = Omit<DuoNotificatieVerwerktData, 'berichtId' | 'gebeurtenisId'>;

/** A transient failure (DUO or the BRP unreachable): the notification stays open and is tried again. */
class Later extends Error {}

const EXAMENONDERDEEL: Record<string, 'knm' | 'lezen' | 'luisteren' | 'schrijven' | 'spreken'> = {
  KNM: 'knm', LE: 'lezen', LU: 'luisteren', SC: 'schrijven', SP: 'spreken',
};

/** The gebeurtenissen of a new inburgeringsplichtige in the municipality (Gebeurtenissen.md): they register a case. */
const NIEUWE_PERSOON = ['SS101', 'SS128', 'SS139', 'SS129', 'SS120', 'SS121'];

/** The date of DUO's registration of the event, as a calendar day in Europe/Amsterdam. */
export const datumVan = (registratieDatumTijd: string): string => DateTime.fromISO(registratieDatumTijd, { zone: ZONE }).setZone(ZONE).toISODate()!;

/**
 * Applies each recorded DUO notification to the trajectories, in order, through the trajectory's command path with
 * ids derived from the BerichtId: a second pass (restart, second instance) finds its events and writes nothing.
 * Mapping (contracts/duo/Gebeurtenissen/Gebeurtenissen.md): SS101/SS128/SS139/SS129 a new inburgeringsplichtige,
 * SS120/SS121 settled in the municipality, SS102 the term started (held beside ours), SS103/SS104 the term extended,
 * SS107–SS111 exemption, release, withdrawal, death, SS124/SS125 doelgroep (held beside ours), SS199 exam result.
 */
@Injectable()
export class NotificatieVerwerker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DuoNotificaties');
  private readonly read: ProjectionReader;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private bezig?: Promise<void>;
  private opnieuw = false;
  private gestopt = false;
  /** Recorded by this process, not yet in the read model: not applied a second time meanwhile (harmless, but wasteful). */
  private readonly vastgelegd = new Set<string>();
  /** The trajecten checkpoint at the last look for registered new persons (herkansing). */
  private herkansingBij = -1;

  constructor(
    @Inject(DUO_CONFIG) private readonly config: DuoConfig,
    @Inject(PROJECTIE_SLEUTELS) private readonly sleutels: ProjectieSleutels,
    private readonly keys: KeyStore,
    @Inject(PROJECTIONS_DB) db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly store: EventStore,
    private readonly commands: CommandHandler,
    private readonly repository: TrajectRepository,
    private readonly duo: DuoClient,
    private readonly brp: PersoonBron,
  ) {
    this.read = sqlOver(db).reader;
    // The slice's own BSN index (before the one index): HMACs that no erasure blanked.
    if (db.open) db.exec(`DROP TABLE IF EXISTS ${OUDE_DUO_BSN}; DELETE FROM ie_checkpoints WHERE name = 'duo-bsn'`);
  }

  onApplicationBootstrap(): void {
    // New notifications, and new cases (a person registered by hand may be one DUO notified: herkansing).
    this.subscription = this.runner.updates$.pipe(filter((u) => u.projection === 'duo-notificaties' || u.projection === 'trajecten'))
      .subscribe(() => void this.ronde());
    const tik = () => {
      if (this.gestopt) return;
      void this.ronde().finally(() => { if (!this.gestopt) this.timer = setTimeout(tik, Math.max(this.config.intervalMs, 1000) * 5); });
    };
    tik();
  }

  async onApplicationShutdown(): Promise<void> {
    this.gestopt = true;
    this.subscription?.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    await this.bezig?.catch(() => undefined);
    await this.brp.close();
  }

  /**
   * Records a notification (idempotent by BerichtId); the caller answers 201 only after this resolves. Who it is
   * about (BSN, v-nummer) is stored encrypted under the BSN's key, which erasing the person's trajectory destroys.
   */
  async ontvang(berichtId: string, bron: string, notificatie: DuoNotificatie): Promise<void> {
    await this.store.append(DUO_NOTIFICATIES_STREAM, [{
      eventId: berichtId,
      type: 'DuoNotificatieOntvangen',
      data: ontvangenData(this.keys, berichtId, bron, notificatie) as unknown as Record<string, unknown>,
      metadata: {
        actor: DUO_ACTOR, correlationId: berichtId, causationId: null, datum: datumVan(notificatie.registratieDatumTijd),
        recordedAt: new Date().toISOString(), schemaVersion: ONTVANGEN_SCHEMA_VERSIE,
      },
    }], 'any');
  }

  ronde(): Promise<void> {
    if (this.bezig) {
      this.opnieuw = true;
      return this.bezig;
    }
    this.bezig = (async () => {
      do {
        this.opnieuw = false;
        await this.verwerkOpen();
      } while (this.opnieuw && !this.gestopt);
    })().finally(() => (this.bezig = undefined));
    return this.bezig;
  }

  /** Every round: the open notifications in log order, then the new persons that a case worker registered since. */
  private async verwerkOpen(): Promise<void> {
    await this.verwerkOntvangen();
    await this.herkansing();
  }

  private async verwerkOntvangen(): Promise<void> {
    const open = this.read.all<{ bericht_id: string; positie: number }>(
      `SELECT bericht_id, positie FROM ${DUO_NOTIFICATIES} WHERE uitkomst = 'ontvangen' ORDER BY positie LIMIT 100`);
    const nogOpen = new Set(open.map((r) => r.bericht_id));
    for (const id of this.vastgelegd) if (!nogOpen.has(id)) this.vastgelegd.delete(id);
    for (const rij of open) {
      if (this.vastgelegd.has(rij.bericht_id)) continue;
      if (this.gestopt) return;
      const [event] = await this.store.readAll({ after: rij.positie - 1, limit: 1 });
      if (!event || event.type !== 'DuoNotificatieOntvangen') continue;
      const { notificatie } = leesOntvangen(event, this.keys);
      // The BSN index must have seen every trajectory written so far, including those registered by earlier notifications.
      if (!(await this.bsnIndexBij())) return;
      let resultaat: Resultaat;
      try {
        resultaat = await this.verwerk(rij.bericht_id, notificatie);
      } catch (err) {
        if (err instanceof Later) {
          this.logger.warn(`Notificatie ${rij.bericht_id} (${notificatie.gebeurtenisId}) later opnieuw: ${err.message}`);
          return;
        }
        this.logger.error({ err }, `Notificatie ${rij.bericht_id} (${notificatie.gebeurtenisId}) niet verwerkt`);
        return;
      }
      await this.vastleggen(rij.bericht_id, notificatie.gebeurtenisId, resultaat);
    }
  }

  private async bsnIndexBij(): Promise<boolean> {
    const head = await this.store.headPosition();
    for (let i = 0; i < 200 && !this.gestopt; i++) {
      if (this.runner.checkpoint('trajecten') >= head) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }

  /**
   * A new inburgeringsplichtige DUO notified while no case had the BSN and none could be registered (no BRP, or the
   * BRP does not know the person) waits as `niet-gevonden` on the dashboard. Once a case worker registers the person,
   * it is applied after all (`registreer-melding-duo`: the PIP term runs from DUO's melding) and recorded a second
   * time, so it leaves the dashboard. Looked at only when the trajecten index moved since the last look.
   */
  private async herkansing(): Promise<void> {
    const stand = this.runner.checkpoint('trajecten');
    if (stand === this.herkansingBij || this.gestopt) return;
    const wachtend = this.read.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${DUO_NOTIFICATIES} WHERE uitkomst = 'niet-gevonden'`)?.n ?? 0;
    if (wachtend === 0) {
      this.herkansingBij = stand;
      return;
    }
    if (!(await this.bsnIndexBij())) return;
    let na = 0;
    for (;;) {
      const rijen = this.read.all<{ bericht_id: string; positie: number }>(
        `SELECT bericht_id, positie FROM ${DUO_NOTIFICATIES} WHERE uitkomst = 'niet-gevonden' AND positie > ?
         AND gebeurtenis IN (${NIEUWE_PERSOON.map((g) => `'${g}'`).join(', ')}) ORDER BY positie LIMIT 200`, [na]);
      for (const rij of rijen) {
        if (this.gestopt) return;
        if (this.vastgelegd.has(rij.bericht_id)) continue;
        const [event] = await this.store.readAll({ after: rij.positie - 1, limit: 1 });
        if (!event || event.type !== 'DuoNotificatieOntvangen') continue;
        const { notificatie } = leesOntvangen(event, this.keys);
        if (notificatie.persoonGewist || !notificatie.bsn || !trajectBijBsn(this.read, this.sleutels, notificatie.bsn)) continue;
        try {
          await this.vastleggen(rij.bericht_id, notificatie.gebeurtenisId, await this.verwerk(rij.bericht_id, notificatie), 'herkansing');
        } catch (err) {
          this.logger.warn(`Notificatie ${rij.bericht_id} (${notificatie.gebeurtenisId}) later opnieuw: ${(err as Error).message}`);
          return;
        }
      }
      if (rijen.length < 200) break;
      na = rijen[rijen.length - 1].positie;
    }
    this.herkansingBij = stand;
  }

  /** Who a recorded notification is about, for a case worker who must register the person by hand (no BRP). */
  async lees(berichtId: string) {
    const rij = this.read.get<{ positie: number; uitkomst: string; traject: string | null; toelichting: string | null }>(
      `SELECT positie, uitkomst, traject, toelichting FROM ${DUO_NOTIFICATIES} WHERE bericht_id = ?`, [berichtId]);
    const [event] = rij ? await this.store.readAll({ after: rij.positie - 1, limit: 1 }) : [];
    if (!rij || !event || event.type !== 'DuoNotificatieOntvangen') throw new NotFound(`Geen notificatie van DUO met BerichtId ${berichtId}`);
    const { notificatie: { persoonGewist, ...n } } = leesOntvangen(event, this.keys);
    return {
      berichtId, ...n, datumMelding: datumVan(n.registratieDatumTijd), persoonGewist,
      uitkomst: rij.uitkomst, traject: rij.traject, toelichting: rij.toelichting,
    };
  }

  private async vastleggen(berichtId: string, gebeurtenisId: string, r: Resultaat, keer = 'verwerkt'): Promise<void> {
    const data: DuoNotificatieVerwerktData = { berichtId, gebeurtenisId, ...r };
    if (r.uitkomst === 'onbekende-gebeurtenis' || r.uitkomst === 'niet-gevonden' || r.uitkomst === 'geweigerd') {
      this.logger.warn(`Notificatie ${berichtId} (${gebeurtenisId}): ${r.uitkomst}${r.toelichting ? `: ${r.toelichting}` : ''}`);
    }
    await this.store.append(DUO_NOTIFICATIES_STREAM, [{
      eventId: uuidv5(keer === 'verwerkt' ? `${berichtId}/verwerkt` : `${berichtId}/verwerkt/${keer}`, DUO_NOTIFICATIE_NAMESPACE),
      type: 'DuoNotificatieVerwerkt',
      data: data as unknown as Record<string, unknown>,
      metadata: {
        actor: DUO_ACTOR, correlationId: berichtId, causationId: berichtId, datum: DateTime.now().setZone(ZONE).toISODate()!,
        recordedAt: new Date().toISOString(), schemaVersion: 1,
      },
    }], 'any');
    this.vastgelegd.add(berichtId);
  }

  /** One notification → what it changes. Throws Later when DUO or the BRP cannot answer now. */
  async verwerk(berichtId: string, n: DuoNotificatie & { persoonGewist?: boolean }): Promise<Resultaat> {
    const datum = datumVan(n.registratieDatumTijd);
    if (n.persoonGewist) return { uitkomst: 'geen-actie', toelichting: 'De persoonsgegevens van deze notificatie zijn gewist' };
    if (!n.bsn) return { uitkomst: 'geen-actie', toelichting: 'Notificatie zonder BSN (alleen v-nummer): niet te koppelen' };
    const traject = trajectBijBsn(this.read, this.sleutels, n.bsn);
    const actie = (naam: string, body: Record<string, unknown>, sleutel = naam) => this.voerUit(berichtId, traject!, naam, body, sleutel);
    switch (n.gebeurtenisId) {
      case 'SS101': case 'SS128': case 'SS139': case 'SS129':
        // Besluit art. 5.3 (text 2023): DUO's melding starts the PIP term.
        return traject ? actie('registreer-melding-duo', { datumMeldingDuo: datum }) : this.registreer(berichtId, n.bsn, datum);
      case 'SS120': case 'SS121':
        return traject ? actie('registreer-inschrijving-brp', { datum }) : this.registreer(berichtId, n.bsn, datum);
    }
    if (!traject) return { uitkomst: 'niet-gevonden', toelichting: `Geen traject voor deze BSN (${n.gebeurtenisId})` };
    switch (n.gebeurtenisId) {
      case 'SS102':
        return this.termijnGestart(traject, n.bsn);
      case 'SS103': case 'SS104': {
        const t = await this.haal(`/personen/${n.bsn}/inburgeringstermijn`);
        if (!t?.einddatum) return { uitkomst: 'geen-actie', traject, toelichting: 'DUO gaf geen inburgeringstermijn' };
        // Wi art. 12: ambtshalve (SS103) when not verwijtbaar; on request (SS104) also for aanzienlijke inspanningen.
        const grond = /inspanning/i.test(t.verlengingsgrondomschrijving ?? '') ? 'aanzienlijke-inspanningen' : 'niet-verwijtbaar';
        return actie('verleng-inburgeringstermijn', { datum: t.wijzigingsdatum && t.wijzigingsdatum <= datum ? t.wijzigingsdatum : datum, nieuweEinddatum: t.einddatum, grond }, `verleng/${t.einddatum}`);
      }
      case 'SS107':
        return actie('registreer-vrijstelling', { datum, grond: 'Gehele vrijstelling toegekend door DUO (SS107)', volledig: true });
      case 'SS108':
        return actie('registreer-ontheffing', { datum, grond: 'Gehele ontheffing toegekend door DUO (SS108)', volledig: true });
      case 'SS109':
        return actie('registreer-vrijstelling', { datum, grond: 'Tijdelijke vrijstelling toegekend door DUO (SS109)', volledig: false });
      case 'SS110':
        return actie('beeindig-traject', { datum, reden: 'anders', toelichting: 'Inburgeringsplicht ingetrokken door DUO (SS110)' });
      case 'SS111':
        return actie('beeindig-traject', { datum, reden: 'overleden', toelichting: 'Overlijden gemeld door DUO (SS111)' });
      case 'SS124': case 'SS125':
        return this.doelgroepGewijzigd(traject, n.gebeurtenisId === 'SS124' ? 'gezinsmigrant' : 'asielstatushouder');
      case 'SS199':
        return this.examens(berichtId, traject, n.bsn);
      default:
        return { uitkomst: 'onbekende-gebeurtenis', traject, toelichting: `Gebeurtenis ${n.gebeurtenisId} wordt niet verwerkt` };
    }
  }

  /** DUO's facts by GET; null when DUO does not know them (404); Later when DUO cannot answer now. */
  private async haal(pad: string): Promise<any> {
    if (!this.config.baseUrl) throw new Later('DUO_BASE_URL is niet gezet: DUO\'s gegevens kunnen niet worden opgehaald');
    let antwoord;
    try {
      antwoord = await this.duo.haal(pad);
    } catch (err) {
      throw new Later(`DUO onbereikbaar: ${(err as Error).message}`);
    }
    if (antwoord.status === 200) return antwoord.body;
    if (antwoord.status === 404) return null;
    throw new Later(`DUO antwoordde ${antwoord.status} op GET ${pad.replace(/\d{9}/, '{bsn}')}`);
  }

  /**
   * SS102, the inburgeringstermijn started at DUO. No action records it: the trajectory's term follows from its own PIP
   * (Wi 2021 art. 7; start the day after the dagtekening, recorded as TermijnGesteld when the PIP is set). So DUO's term
   * (fetched with DUO's GET) is held beside the trajectory's: the same, nothing to do; different, or no PIP here yet
   * (a PIP of a previous municipality, SS121), `aandacht` for a case worker.
   */
  private async termijnGestart(traject: string, bsn: string): Promise<Resultaat> {
    const t = (await this.haal(`/personen/${bsn}/inburgeringstermijn`)) as { startdatum?: string; einddatum?: string } | null;
    if (!t?.startdatum) return { uitkomst: 'geen-actie', traject, toelichting: 'DUO kent (nog) geen inburgeringstermijn' };
    const duo = { startdatum: t.startdatum, einddatum: t.einddatum };
    const eigen = (await this.zaak(traject))?.termijnen.inburgeringstermijn;
    const feit = { inburgeringstermijn: { duo, traject: eigen ? { startdatum: eigen.start, einddatum: eigen.eind } : null } };
    if (eigen && eigen.start === duo.startdatum && eigen.eind === duo.einddatum) {
      return { uitkomst: 'geen-actie', traject, feit, toelichting: `Inburgeringstermijn volgens DUO ${duo.startdatum} tot ${duo.einddatum}: gelijk aan die van het traject` };
    }
    return {
      uitkomst: 'aandacht', traject, feit,
      toelichting: eigen
        ? `Inburgeringstermijn volgens DUO ${duo.startdatum} tot ${duo.einddatum}, volgens het traject ${eigen.start} tot ${eigen.eind}: controleer de dagtekening van de PIP die aan DUO is gemeld`
        : `Inburgeringstermijn gestart volgens DUO (${duo.startdatum} tot ${duo.einddatum}), maar dit traject heeft nog geen vastgestelde PIP`,
    };
  }

  /**
   * SS124/SS125, DUO changed the doelgroep. The trajectory has no action that changes it: the doelgroep is a fact of
   * the registration, and what hangs on it (ontzorging, Pw art. 56a; screening and maatschappelijke begeleiding for an
   * asielstatushouder) needs a case worker's decision. The same as the case: nothing to do; else `aandacht`.
   */
  private async doelgroepGewijzigd(traject: string, naar: 'asielstatushouder' | 'gezinsmigrant'): Promise<Resultaat> {
    const huidig = (await this.zaak(traject))?.doelgroep;
    const feit = { doelgroep: { duo: naar, traject: huidig ?? null } };
    const omschrijving = naar === 'gezinsmigrant' ? 'asielstatushouder → gezinsmigrant en overige migrant' : 'gezinsmigrant en overige migrant → asielstatushouder';
    if (huidig === naar) return { uitkomst: 'geen-actie', traject, feit, toelichting: `Doelgroep gewijzigd volgens DUO (${omschrijving}): het traject staat al op ${naar}` };
    return {
      uitkomst: 'aandacht', traject, feit,
      toelichting: `Doelgroep gewijzigd volgens DUO (${omschrijving}); het traject staat op ${huidig ?? 'onbekend'} en kent geen actie die de doelgroep wijzigt: beoordeel ontzorging, screening en begeleiding`,
    };
  }

  /** The case as its stream folds: the term and doelgroep it records (the trajectory slice's context, not a second reading of its events). */
  private async zaak(traject: string): Promise<InburgeringContext | null> {
    const { kind, state } = await this.repository.load(traject);
    return kind.soort === 'inburgering' ? (state.context as InburgeringContext) : null;
  }

  /** SS199: every exam result DUO has that the trajectory does not hold yet (same date and onderdeel). */
  private async examens(berichtId: string, traject: string, bsn: string): Promise<Resultaat> {
    const resultaten = ((await this.haal(`/personen/${bsn}/examens/resultaten`)) ?? []) as { examendatum: string; resultaat: string; onderdeel: string; niveau?: string }[];
    const bekend = new Set((await this.repository.events(traject))
      .filter((e) => e.type === 'ExamenresultaatGeregistreerd')
      .map((e) => `${(e.data as any).datum}/${(e.data as any).onderdeel}`));
    const nieuw = resultaten.filter((r) => r.resultaat !== 'Geen' && EXAMENONDERDEEL[r.onderdeel] && !bekend.has(`${r.examendatum}/${EXAMENONDERDEEL[r.onderdeel]}`));
    const toelichtingen: string[] = [];
    for (const r of nieuw) {
      const uit = await this.voerUit(berichtId, traject, 'registreer-examenresultaat', {
        datum: r.examendatum, onderdeel: EXAMENONDERDEEL[r.onderdeel], ...(r.niveau ? { niveau: r.niveau } : {}), behaald: r.resultaat === 'Geslaagd',
      }, `examen/${r.examendatum}/${r.onderdeel}`);
      if (uit.uitkomst === 'geweigerd') return uit;
      toelichtingen.push(`${r.onderdeel} ${r.examendatum}: ${r.resultaat}`);
    }
    return nieuw.length
      ? { uitkomst: 'toegepast', traject, toelichting: `Examenresultaten vastgelegd: ${toelichtingen.join(', ')}` }
      : { uitkomst: 'geen-actie', traject, toelichting: 'Geen nieuwe examenresultaten bij DUO' };
  }

  /** A trajectory command with ids derived from the BerichtId; when its first event is in the stream, it was applied already. */
  private async voerUit(berichtId: string, traject: string, actie: string, body: Record<string, unknown>, sleutel: string): Promise<Resultaat> {
    const eventIds = Array.from({ length: 16 }, (_, i) => uuidv5(`${berichtId}/${sleutel}/${i}`, DUO_NOTIFICATIE_NAMESPACE));
    const stream = await this.store.readStream(streamIdOf(traject));
    if (stream.some((e) => e.eventId === eventIds[0])) return { uitkomst: 'toegepast', traject, toelichting: `${actie} (al vastgelegd)` };
    try {
      await this.commands.execute(traject, actie, body, { actor: DUO_ACTOR, correlationId: berichtId, causationId: berichtId, eventIds }, { systeem: true });
      return { uitkomst: 'toegepast', traject, toelichting: actie };
    } catch (err) {
      if (err instanceof CommandRejected) return { uitkomst: 'geweigerd', traject, toelichting: `${actie}: ${err.message}` };
      throw err;
    }
  }

  /** A new inburgeringsplichtige: registered with DUO's melding date (the PIP term runs from it) and the BRP's person. */
  private async registreer(berichtId: string, bsn: string, datum: string): Promise<Resultaat> {
    const id = uuidv5(`${berichtId}/traject`, DUO_NOTIFICATIE_NAMESPACE);
    if ((await this.store.readStream(streamIdOf(id))).length > 0) return { uitkomst: 'geregistreerd', traject: id, toelichting: 'al geregistreerd' };
    if (!this.brp.ingesteld) {
      return {
        uitkomst: 'niet-gevonden',
        toelichting: `Nieuwe inburgeringsplichtige, melding DUO ${datum}. Zonder BRP-koppeling (BRP_API_URL) registreert een consulent de persoon `
          + '(BSN: GET /api/v1/duo/notificaties/{berichtId}); daarna wordt deze melding vanzelf toegepast en loopt de PIP-termijn vanaf de melding',
      };
    }
    let persoon;
    try {
      persoon = await this.brp.persoon(bsn);
    } catch (err) {
      throw new Later(`BRP onbereikbaar: ${(err as Error).message}`);
    }
    if (!persoon) {
      return {
        uitkomst: 'niet-gevonden',
        toelichting: `Nieuwe inburgeringsplichtige, melding DUO ${datum}, maar de BRP kent deze BSN niet. Registreert een consulent de persoon, `
          + 'dan wordt deze melding vanzelf toegepast',
      };
    }
    const doelgroep = await this.haal(`/personen/${bsn}/doelgroep`).catch((err) => {
      if (err instanceof Later && !this.config.baseUrl) return null;
      throw err;
    });
    const eventIds = Array.from({ length: 16 }, (_, i) => uuidv5(`${berichtId}/registreer/${i}`, DUO_NOTIFICATIE_NAMESPACE));
    try {
      await this.commands.register(id, {
        soort: 'inburgering',
        // DUO's doelgroep (Inburgeringsplicht API); unknown: gezinsmigrant, the group without asylum rights.
        doelgroep: doelgroep?.indeling === 'Asielstatushouder' ? 'asielstatushouder' : 'gezinsmigrant',
        persoon: { naam: persoon.naam, geboortedatum: persoon.geboortedatum, geslacht: persoon.geslacht, bsn },
        datumMeldingDuo: datum,
        ...(persoon.datumInschrijvingBrp ? { datumInschrijvingBrp: persoon.datumInschrijvingBrp } : {}),
      }, { actor: DUO_ACTOR, correlationId: berichtId, causationId: berichtId, eventIds });
    } catch (err) {
      if (err instanceof ConcurrencyConflict) return { uitkomst: 'geregistreerd', traject: id, toelichting: 'al geregistreerd' };
      if (err instanceof CommandRejected) return { uitkomst: 'geweigerd', toelichting: `registratie: ${err.message}` };
      throw err;
    }
    return { uitkomst: 'geregistreerd', traject: id, toelichting: `Nieuw traject, melding DUO ${datum}` };
  }
}

export type { DuoUitkomst };
export { duoNotificatiesProjection };
