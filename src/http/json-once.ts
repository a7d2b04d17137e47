/**
 * The JSON text of an immutable answer, made once per object. A case view is kept per folded state and day
 * (core/view.ts), so reads of an unchanged trajectory answer the same object again and again: its text is kept with
 * it (weakly, it goes when the view goes) instead of serializing it on every read (~3% of a read's CPU, measured).
 */
const texts = new WeakMap<object, string>();

export function jsonOnce(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The media type Fastify gives an object it serializes itself; a handler answering `jsonOnce` text sets it. */
export const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';
