import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailed } from '../trajectories/core/errors';

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

/** Unknown fields are refused, payloads are turned into their DTO classes, errors become `ValidationFailed`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed('De invoer voldoet niet aan de regels', toFieldErrors(errors)),
  });
}
