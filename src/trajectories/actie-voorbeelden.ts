import { KINDS } from './kinds';

/** An OpenAPI Example Object. */
interface ExampleObject {
  summary: string;
  description?: string;
  value: Record<string, unknown>;
}

/**
 * The request-body examples of POST /trajecten/{id}/acties/{actie}, one per action example (`<actie>.<name>`), so a
 * client sees in the OpenAPI document which fields each action needs, including those a rule requires.
 */
export function actieVoorbeelden(): Record<string, ExampleObject> {
  const uit: Record<string, ExampleObject> = {};
  for (const kind of Object.values(KINDS)) {
    for (const actie of kind.acties.filter((a) => !a.systeem)) {
      for (const [naam, v] of Object.entries(actie.voorbeelden ?? {})) {
        uit[`${actie.naam}.${naam}`] = { summary: `${actie.naam}: ${v.summary}`, ...(v.description ? { description: v.description } : {}), value: v.value };
      }
    }
  }
  return uit;
}
