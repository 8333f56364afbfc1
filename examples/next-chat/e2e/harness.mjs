// The e2e harness of this app: the shared one (example-support/e2e: `next start` on a free port,
// Debian's Chromium with a fresh profile, small process helpers) bound to this app's folder.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  screenshot as screenshotOf,
  startApp as startAppIn,
  startE2eStack,
} from 'example-support/e2e';

export {
  exited,
  freePort,
  interrupt,
  launchBrowser,
  reachable,
  spawnLogged,
  waitFor,
} from 'example-support/e2e';

export const appDir = fileURLToPath(new URL('..', import.meta.url));
export const resultsDir = join(appDir, 'test-results');

/** Starts the production build with `next start` on a free port, configured by `env`. */
export const startApp = (env) => startAppIn(appDir, env);

export { startE2eStack };

/** Saves a screenshot of the page under test-results/. */
export const screenshot = (page, name, options) => screenshotOf(appDir, page, name, options);
