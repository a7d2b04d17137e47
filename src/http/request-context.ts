import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../events/envelope';

/** Who acts: the authenticated user (req.user, set by the auth guard); never taken from the body. */
export const RequestActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest();
  const user = req.user as { sub?: string; rol?: string } | undefined;
  return { id: user?.sub ?? 'anoniem', rol: user?.rol ?? 'onbekend' };
});

/** The request id (from X-Request-Id or made by the logger) doubles as the correlation id of the events a request causes. */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest();
  return (req.id as string | undefined) ?? (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
});
