import { ValidationOptions, ValidationTypes, getMetadataStorage, registerDecorator } from 'class-validator';
import { FieldError } from './errors';
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

/**
 * A calendar date written YYYY-MM-DD that exists (no 2023-02-30), between 1900 and 2199. Whether it may lie in the
 * future, or before the registration, is decide's business.
 */
export function IsDatum(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    DATUM_VELDEN.push([target.constructor.name, propertyName as string]);
    registerDecorator({
      name: 'isDatum',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property moet een bestaande datum zijn (JJJJ-MM-DD, tussen 1900 en 2199)`, ...options },
      validator: { validate: (value: unknown) => isDatum(value) && binnenDatumgrenzen(value) },
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

/** The earliest and latest date any field accepts: a typo such as 0000-01-01 or 9999-12-31 is a 400, not a fact. */
export const VROEGSTE_DATUM = '1900-01-01';
export const LAATSTE_DATUM = '2199-12-31';
export const binnenDatumgrenzen = (d: string): boolean => d >= VROEGSTE_DATUM && d <= LAATSTE_DATUM;

/**
 * `@ValidateNested` checks the members of whatever it finds, so an array where one object belongs (`"persoon": [{…}]`,
 * `"persoon": []`) or no object at all passes class-validator. This closes that gap for every DTO at once: a nested
 * field without `each` must be one object (and present unless `@IsOptional`), recursively.
 */
export function nestedShapeErrors(instance: unknown, parent = ''): FieldError[] {
  if (!instance || typeof instance !== 'object') return [];
  const { optional, nested } = shapeOf(instance.constructor);
  return nested.flatMap(({ propertyName, each }) => {
    const veld = parent ? `${parent}.${propertyName}` : propertyName;
    const value = (instance as Record<string, unknown>)[propertyName];
    if (value === undefined || value === null) return optional.has(propertyName) ? [] : [{ veld, fouten: [`${veld} is verplicht`] }];
    if (each) {
      if (!Array.isArray(value)) return [{ veld, fouten: [`${veld} moet een lijst zijn`] }];
      return value.flatMap((v, i) => nestedShapeErrors(v, `${veld}[${i}]`));
    }
    if (Array.isArray(value) || typeof value !== 'object') return [{ veld, fouten: [`${veld} moet één object zijn`] }];
    return nestedShapeErrors(value, veld);
  });
}

/** A class's optional and nested fields, read once: its decorators have all run before any instance exists. */
const shapes = new WeakMap<object, { optional: Set<string>; nested: { propertyName: string; each: boolean }[] }>();
function shapeOf(dto: object) {
  let shape = shapes.get(dto);
  if (!shape) {
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto as new () => unknown, '', true, false);
    shape = {
      optional: new Set(metadatas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.propertyName)),
      nested: metadatas.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION).map(({ propertyName, each }) => ({ propertyName, each })),
    };
    shapes.set(dto, shape);
  }
  return shape;
}
