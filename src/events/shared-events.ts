/** Tests freeze the events subscriptions share, so that changing one fails loudly (sqlite-event-store.ts `tail`). */
export const FREEZE_SHARED = process.env.NODE_ENV === 'test';

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
