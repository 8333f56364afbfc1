// Replaced with the package.json version by tsup (and by vitest) through `define`; a build
// without it (a bundler reading the sources) reports the placeholder instead of failing.
declare const __PACKAGE_VERSION__: string | undefined;

/** The version of robocoders-ai-provider, as published. */
export const VERSION: string =
  typeof __PACKAGE_VERSION__ !== 'undefined' ? __PACKAGE_VERSION__ : '0.0.0-test';

/** What every request appends to its `user-agent` header. */
export const USER_AGENT_SUFFIX = `robocoders-ai-provider/${VERSION}`;

/**
 * The headers with `suffix` appended to their `user-agent` (a space between them), or set as
 * it when there is none: the AI SDK's `withUserAgentSuffix` convention, for lower-cased keys.
 */
export function withUserAgentSuffix(
  headers: Record<string, string>,
  suffix: string,
): Record<string, string> {
  const current = headers['user-agent'];
  return { ...headers, 'user-agent': current ? `${current} ${suffix}` : suffix };
}
