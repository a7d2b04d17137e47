import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailed } from '../trajectories/core/errors';
import { nestedShapeErrors } from '../trajectories/core/validators';
import { assertWithinBounds } from './limits';
import { keepValidationMetadata } from './validation-metadata';

// Every validation (the global pipe, validatePayload) asks class-validator's one metadata storage.
keepValidationMetadata();

/** `a.b[0].c` for a nested class-validator error. */
const joinPath = (parent: string, property: string) =>
  /^\d+$/.test(property) ? `${parent}[${property}]` : parent ? `${parent}.${property}` : property;

/** Flattens class-validator's tree into one entry per field, nested fields by path. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const veld = joinPath(parent, error.property);
    const own = error.constraints ? [{ veld, fouten: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], veld)];
  });
}

/**
 * Nest's pipe, plus what class-validator lets through: a nested object sent as an array or left out
 * (nestedShapeErrors), and numbers out of bounds once a query's strings became numbers (`pagina=1e18`).
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const out = await super.transform(value, metadata);
    if (metadata.type === 'custom') return out;
    const shape = nestedShapeErrors(out);
    if (shape.length) throw new ValidationFailed('De invoer voldoet niet aan de regels', shape);
    assertWithinBounds(out, metadata.type === 'query' ? 'query' : metadata.type);
    return out;
  }
}

/** Unknown fields are refused, payloads are turned into their DTO classes, errors become `ValidationFailed`. */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed('De invoer voldoet niet aan de regels', toFieldErrors(errors)),
  });
}
