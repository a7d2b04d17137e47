import { Soort, TrajectoryKind } from './core/kind';
import { inburgeringKind } from './inburgering/kind';
import { ondertussenKind } from './ondertussen/kind';

export const KINDS: Record<Soort, TrajectoryKind> = { inburgering: inburgeringKind, ondertussen: ondertussenKind };

/** Every action name any kind knows: an unknown name is a 404, a name of the other kind a 422. */
export const ALLE_ACTIES = [...new Set(Object.values(KINDS).flatMap((k) => k.acties.filter((a) => !a.systeem).map((a) => a.naam)))];
