import { ValidationOptions, registerDecorator } from 'class-validator';
import { isDatum } from './kalender';

/** Every (DTO class, property) that holds a date, so the OpenAPI document can say `format: date`. */
export const DATUM_VELDEN: [string, string][] = [];

/**
 * Marks the date fields of the document's schemas as `format: date`. A subclass inherits its parent's fields
 * under its own schema name, so fields are matched by name: in our DTOs a name used for a date is always one.
 */
export function markeerDatums(schemas: Record<string, any> | undefined): void {
  const namen = new Set(DATUM_VELDEN.map(([, veld]) => veld));
  for (const schema of Object.values(schemas ?? {})) {
    for (const [veld, property] of Object.entries<any>(schema.properties ?? {})) {
      if (namen.has(veld) && property.type === 'string') Object.assign(property, { format: 'date', example: '2025-01-31' });
    }
  }
}

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). Whether it may lie in the future is decide's business. */
export function IsDatum(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    DATUM_VELDEN.push([target.constructor.name, propertyName as string]);
    registerDecorator({
      name: 'isDatum',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property moet een bestaande datum zijn (JJJJ-MM-DD)`, ...options },
      validator: { validate: (value: unknown) => isDatum(value) },
    });
  };
}

/** The BSN's elfproef: 9 digits, weights 9..2 and −1, sum divisible by 11. */
export const elfproef = (bsn: string): boolean => {
  if (!/^\d{9}$/.test(bsn)) return false;
  const digits = [...bsn].map(Number);
  const som = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8];
  return som % 11 === 0 && som !== 0;
};

export function IsBsn(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBsn',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property is geen geldig BSN (9 cijfers, elfproef)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && elfproef(value) },
    });
}
