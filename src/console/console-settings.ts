import { AppConfig } from '../config';
import { AuthSettings } from '../auth/auth-settings';

/**
 * What the web console (console/, served at /console) needs to sign in. The console is a public OIDC client:
 * it holds no secret, only the client id, and uses the authorization code flow with PKCE against AUTH_ISSUER.
 */
export interface ConsoleSettings {
  /** The OIDC issuer (AUTH_ISSUER): the console reads `${issuer}/.well-known/openid-configuration`. */
  issuer: string | null;
  /** CONSOLE_OIDC_CLIENT_ID: the console's public client at the identity provider. */
  clientId: string;
  /** CONSOLE_OIDC_SCOPE. */
  scope: string;
  /** CONSOLE_OIDC_RESOURCE: an RFC 8707 resource indicator, for providers that choose the access token's audience by it. */
  resource: string | null;
  /** The development sign-in (POST /api/v1/console/ontwikkel-token): only outside production, with the development secret. */
  ontwikkelLogin: boolean;
}

export const CONSOLE_SETTINGS = Symbol('CONSOLE_SETTINGS');
/** The token settings the development sign-in signs with. */
export const CONSOLE_AUTH = Symbol('CONSOLE_AUTH');

export function consoleSettings(config: AppConfig, auth: AuthSettings): ConsoleSettings {
  return {
    issuer: config.authIssuer ?? null,
    clientId: config.consoleOidcClientId,
    scope: config.consoleOidcScope,
    resource: config.consoleOidcResource ?? null,
    ontwikkelLogin: config.nodeEnv !== 'production' && auth.bron === 'ontwikkelgeheim' && !!auth.devSecretFile,
  };
}
