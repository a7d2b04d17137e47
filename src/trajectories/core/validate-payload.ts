import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldErrors } from '../../http/validation';
import { ValidationFailed } from './errors';
import { nestedShapeErrors } from './validators';

export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Validates a body against a DTO chosen at run time (the action), as the global ValidationPipe does for fixed DTOs. */
export function validatePayload<T extends object>(dto: new () => T, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationFailed('De body moet een JSON-object zijn', [{ veld: '(body)', fouten: ['geen object'] }]);
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, VALIDATION_OPTIONS);
  if (errors.length) throw new ValidationFailed('Ongeldige invoer', toFieldErrors(errors));
  const shape = nestedShapeErrors(instance);
  if (shape.length) throw new ValidationFailed('Ongeldige invoer', shape);
  return instance;
}
