import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { SharedFlight } from './abort';
import type { CallContext } from './call-context';
import type { FetchFunction } from './fetch-function';
import { readResponseText, sendRequest } from './http';
import { parseAuthPage } from './parse-auth-page';
import { rejectedKeyError } from './robocoders-error';
import { type RobocodersStore, readStoredString } from './robocoders-store';
import { guardStore } from './store-guard';

/** A fetched token is renewed when it has less than this left to live. */
export const TOKEN_RENEW_MARGIN_MS = 30_000;

/** The token a request is sent with, and whether the user gave it (then it is never replaced). */
export interface AccessToken {
  value: string;
  userGiven: boolean;
  /** Store failures met while getting it (the token is then kept in memory only). */
  warnings?: string[];
}

/** Configuration of a {@link TokenManager}. */
export interface TokenManagerConfig {
  baseURL: string;
  fetch: FetchFunction;
  headers: () => Record<string, string | undefined>;
  store: RobocodersStore;
  storeKey: string;
  /** Current time in ms; injectable for tests. */
  now?: () => number;
}

interface LoadedToken {
  value: string;
  warnings: string[];
}

interface CachedToken {
  value: string;
  expiresAt: number | undefined;
}

/** The `exp` of a JWT in ms, read without verifying it (the server does that). */
function expiryOf(token: string): number | undefined {
  const parts = token.split('.');
  // Not a JWT: keep it until the server rejects it.
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(
      new TextDecoder().decode(convertBase64ToUint8Array(parts[1] as string)),
    );
    const exp = (payload as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Provides the access token of one provider instance: the user's key as is, or a token from
 * `GET /auth`, fetched once however many calls ask at the same time, kept in the store and
 * renewed shortly before its JWT `exp` or after the server rejected it.
 */
export class TokenManager {
  private cached: CachedToken | undefined;
  private flight: SharedFlight<LoadedToken> | undefined;
  // The tokens this instance used, newest last, so log lines can be cleaned of them.
  private readonly used: string[] = [];
  private readonly now: () => number;

  constructor(private readonly config: TokenManagerConfig) {
    this.now = config.now ?? Date.now;
  }

  /** The token to use: `userKey` when given, else a fetched one. */
  async get(userKey: string | undefined, signal?: AbortSignal): Promise<AccessToken> {
    if (userKey !== undefined) return { value: userKey, userGiven: true };
    if (this.cached !== undefined && this.isFresh(this.cached)) {
      return { value: this.cached.value, userGiven: false };
    }
    if (this.flight === undefined) {
      const flight = new SharedFlight((flightSignal) => this.load(flightSignal));
      this.flight = flight;
      const done = () => {
        if (this.flight === flight) this.flight = undefined;
      };
      flight.promise.then(done, done);
    }
    const loaded = await this.flight.join(signal);
    return { value: loaded.value, userGiven: false, warnings: loaded.warnings };
  }

  /** The tokens this instance fetched or read (the last few), to redact them from log lines. */
  known(): readonly string[] {
    return this.used;
  }

  /**
   * Runs `request` with the current token. A fetched token the server rejects (401) is dropped
   * and the request retried once with a new one; a rejected user key fails at once. Store
   * failures on the way are the call's warnings.
   */
  async withToken<T>(
    userKey: string | undefined,
    { signal, warn }: Pick<CallContext, 'signal' | 'warn'>,
    request: (token: string) => Promise<T>,
  ): Promise<T> {
    const collect = (warnings: string[] | undefined) => {
      for (const message of warnings ?? []) warn(message);
    };
    const token = await this.get(userKey, signal);
    collect(token.warnings);
    try {
      return await request(token.value);
    } catch (error) {
      if (!APICallError.isInstance(error) || error.statusCode !== 401) throw error;
      if (token.userGiven) throw rejectedKeyError(error);
      collect(await this.invalidate(token.value));
      const renewed = await this.get(undefined, signal);
      collect(renewed.warnings);
      return request(renewed.value);
    }
  }

  /**
   * Forgets `token` after the server rejected it, unless another call already replaced it.
   * Returns the store failures met (the token is dropped from memory all the same).
   */
  async invalidate(token: string): Promise<string[]> {
    if (this.cached?.value === token) this.cached = undefined;
    const { store, storeKey } = this.config;
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const stored = await guardStore(warn, 'read', storeKey, () =>
      readStoredString(store, storeKey, 'token'),
    );
    if (stored === token) {
      await guardStore(warn, 'remove', storeKey, async () => {
        await store.removeItem(storeKey);
      });
    }
    return warnings;
  }

  private remember(value: string): void {
    if (this.used.includes(value)) return;
    this.used.push(value);
    if (this.used.length > 8) this.used.shift();
  }

  private isFresh(token: CachedToken): boolean {
    return token.expiresAt === undefined || token.expiresAt - this.now() > TOKEN_RENEW_MARGIN_MS;
  }

  private async load(signal: AbortSignal): Promise<LoadedToken> {
    const { store, storeKey } = this.config;
    // The warnings go back to the calls (each reports and logs them), not to a logger here.
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    // Another instance sharing the store may already hold a valid token; a store that cannot
    // be read holds none.
    const stored = await guardStore(warn, 'read', storeKey, () =>
      readStoredString(store, storeKey, 'token'),
    );
    if (stored !== undefined) {
      const candidate = { value: stored, expiresAt: expiryOf(stored) };
      this.remember(stored);
      if (this.isFresh(candidate)) {
        this.cached = candidate;
        return { value: stored, warnings };
      }
    }
    const value = await this.fetchToken(signal);
    this.remember(value);
    // Kept in memory first, so a store that cannot hold it costs only the sharing.
    this.cached = { value, expiresAt: expiryOf(value) };
    await guardStore(warn, 'write', storeKey, async () => {
      await store.setItem(storeKey, { token: value });
    });
    return { value, warnings };
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const url = `${this.config.baseURL}/auth`;
    const response = await sendRequest({
      fetch: this.config.fetch,
      method: 'GET',
      url,
      operation: 'GET /auth',
      headers: { accept: 'text/html', ...this.config.headers() },
      signal,
    });
    const token = await parseAuthPage(
      await readResponseText(response, { operation: 'GET /auth', url, signal }),
    );
    if (token === undefined) {
      throw new LoadAPIKeyError({
        message:
          `Robocoders: the page of GET ${url} has no token (no non-empty <pre id="token">). ` +
          'Pass an access token with the apiKey setting or the ROBOCODERS_API_KEY environment variable.',
      });
    }
    return token;
  }
}
