import { randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** Why a bearer token was refused. Never carries the token itself. */
export type TokenRejection = 'malformed' | 'bad-signature' | 'expired' | 'revoked' | 'invalid';

/** The outcome of {@link TokenIssuer.verify}. */
export type TokenCheck = { ok: true; subject: string } | { ok: false; reason: TokenRejection };

/**
 * Issues and checks the HS256 JWTs of `GET /auth`.
 *
 * Revocation bumps a generation number carried in each token's `jti` (`<generation>.<uuid>`), so
 * "every token issued so far" is revoked without remembering the tokens themselves.
 */
export class TokenIssuer {
  private readonly key: Uint8Array;
  private generation = 0;

  constructor(
    secret: string | undefined,
    private readonly defaultTtlSeconds: number,
  ) {
    this.key = secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret);
  }

  /** A fresh token for a new anonymous user; a negative TTL gives an already expired one. */
  async issue(ttlSeconds = this.defaultTtlSeconds): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(`${this.generation}.${randomUUID()}`)
      .sign(this.key);
  }

  /** Every token issued before this call is refused from now on. */
  revokeAll(): void {
    this.generation += 1;
  }

  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
        return { ok: false, reason: 'invalid' };
      }
      // Tokens minted elsewhere with the shared secret carry no jti: they count as generation 0.
      const generation = Number.parseInt(String(payload.jti ?? '0').split('.')[0] ?? '', 10);
      if (generation !== this.generation) return { ok: false, reason: 'revoked' };
      return { ok: true, subject: payload.sub };
    } catch (error) {
      return { ok: false, reason: classify(error) };
    }
  }
}

function classify(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  if (error instanceof errors.JOSEError) return 'invalid';
  throw error;
}
