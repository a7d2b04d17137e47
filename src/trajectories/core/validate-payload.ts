import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { FieldError, ValidationFailed } from './errors';

/** class-validator's nested errors as a flat list of dotted field paths. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const veld = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ veld, fouten: Object.values(e.constraints) }] : [];
    return [...own, ...toFieldErrors(e.children ?? [], veld)];
  });
}

export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Validates a body against a DTO chosen at run time (the action), as the global ValidationPipe does for fixed DTOs. */
export function validatePayload<T extends object>(dto: new () => T, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailed('De body moet een JSON-object zijn', [{ veld: '(body)', fouten: ['geen object'] }]);
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, VALIDATION_OPTIONS);
  if (errors.length) throw new ValidationFailed('Ongeldige invoer', toFieldErrors(errors));
  return instance;
}
