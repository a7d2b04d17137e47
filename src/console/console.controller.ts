import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignJWT } from 'jose';
import { AuthSettings } from '../auth/auth-settings';
import type { Gebruiker } from '../auth/gebruiker';
import { Publiek, Rollen } from '../auth/rollen.decorator';
import { ProblemException } from '../http/problem';
import { OntwikkelTokenDto } from './console.dto';
import { CONSOLE_AUTH, CONSOLE_SETTINGS, ConsoleSettings } from './console-settings';

/** A development token lives an hour: long enough for a session, short enough not to linger. */
export const ONTWIKKEL_TOKEN_SECONDEN = 3600;

/** What the web console asks the server before it signs in. */
@ApiTags('console')
@Controller('console')
export class ConsoleController {
  constructor(
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Inject(CONSOLE_AUTH) private readonly auth: AuthSettings,
  ) {}

  @Get('configuratie')
  @Publiek()
  @ApiOperation({ summary: 'Hoe de console inlogt: OIDC-issuer, client-id (publieke client, PKCE), scope, resource; of de ontwikkel-login aan staat' })
  configuratie(): ConsoleSettings {
    return this.settings;
  }

  /** Who the token says the user is, read exactly as every endpoint reads it (the auth guard): the console shows only what these roles may see. */
  @Get('ik')
  @Rollen('klantmanager', 'teamleider', 'compliance', 'beheerder')
  @ApiOperation({ summary: 'De ingelogde gebruiker zoals de API het token leest: sub, naam en rollen' })
  ik(@Req() req: { user: Gebruiker }) {
    return { sub: req.user.sub, naam: req.user.name ?? null, rollen: req.user.rollen };
  }

  /**
   * Development only: a short-lived token signed with the development secret, as `npm run token` mints, so the console
   * can be tried without an identity provider. Anyone who can reach the server can mint any role, which is why it
   * exists only when the server itself runs on the generated development secret (never in production: 404).
   */
  @Post('ontwikkel-token')
  @Publiek()
  @HttpCode(200)
  @ApiOperation({ summary: 'Alleen in ontwikkeling (ontwikkelgeheim, niet in productie): een token van een uur voor de console; anders 404' })
  async ontwikkelToken(@Body() body: OntwikkelTokenDto) {
    if (!this.settings.ontwikkelLogin || !this.auth.secret) {
      throw new ProblemException(404, 'De ontwikkel-login bestaat alleen in ontwikkeling met het ontwikkelgeheim; log in via de identiteitsprovider');
    }
    let jwt = new SignJWT({ name: body.naam ?? body.sub, [this.auth.rollenClaim]: body.rollen })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(body.sub)
      .setIssuedAt()
      .setExpirationTime(`${ONTWIKKEL_TOKEN_SECONDEN}s`);
    if (this.auth.issuer) jwt = jwt.setIssuer(this.auth.issuer);
    if (this.auth.audience) jwt = jwt.setAudience(this.auth.audience);
    return { access_token: await jwt.sign(this.auth.secret), token_type: 'Bearer', expires_in: ONTWIKKEL_TOKEN_SECONDEN };
  }
}
