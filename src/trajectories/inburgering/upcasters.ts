import type { Upcaster } from '../core/upcast';

/**
 * VrijstellingVerleend / OntheffingVerleend v1 → v2. A v1 partial decision named no parts, so it released none:
 * it gets `onderdelen: []`, which keeps the effect it had when it was recorded (the case worker can record DUO's
 * decision again with its parts). A full decision (volledig) needs no parts and is left as it was.
 */
const onderdelenVanDuoBesluit: Upcaster = (data) =>
  data.volledig === true || Array.isArray(data.onderdelen) ? data : { ...data, onderdelen: [] };

export const INBURGERING_UPCASTERS: Record<string, Upcaster> = {
  'VrijstellingVerleend@1': onderdelenVanDuoBesluit,
  'OntheffingVerleend@1': onderdelenVanDuoBesluit,
};
