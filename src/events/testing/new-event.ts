import { randomUUID } from 'node:crypto';
import { NewEvent } from '../envelope';

/** A new event for a test, as a case worker's command would append it (fresh ids), recorded at 10:00 UTC on `datum`. */
export const newEvent = (type: string, data: Record<string, unknown>, datum = '2025-01-15'): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    actor: { id: 'kim', rol: 'klantmanager' }, correlationId: randomUUID(), causationId: null,
    datum, recordedAt: `${datum}T10:00:00.000Z`, schemaVersion: 1,
  },
});
