import type { Upcaster } from '../core/upcast';
import type { InburgeringEventType } from './events';

/** The current schemaVersion of each event whose shape changed (feit() writes it); every other event is at version 1. */
export const SCHEMA_VERSIES: Partial<Record<InburgeringEventType, number>> = {
  LeerrouteGewijzigd: 2,
  VrijstellingVerleend: 2,
  OntheffingVerleend: 2,
};

/**
 * VrijstellingVerleend / OntheffingVerleend v1 → v2. A v1 partial decision named no parts, so it released none:
 * it gets `onderdelen: []`, which keeps the effect it had when it was recorded (the case worker can record DUO's
 * decision again with its parts). A full decision (volledig) needs no parts and is left as it was.
 */
const onderdelenVanDuoBesluit: Upcaster = (data) =>
  data.volledig === true || Array.isArray(data.onderdelen) ? data : { ...data, onderdelen: [] };

/**
 * LeerrouteGewijzigd v1 → v2. v2 may carry `afwijkingOnderbouwing`; a v1 event was written without it (the reasons were
 * asked for but not kept), so its data is already a valid v2 without them: nothing to add, nothing to guess.
 */
const zonderOnderbouwing: Upcaster = (data) => data;

export const INBURGERING_UPCASTERS: Record<string, Upcaster> = {
  'LeerrouteGewijzigd@1': zonderOnderbouwing,
  'VrijstellingVerleend@1': onderdelenVanDuoBesluit,
  'OntheffingVerleend@1': onderdelenVanDuoBesluit,
};
