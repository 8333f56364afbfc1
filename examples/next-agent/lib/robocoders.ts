import { createRobocoders, type RobocodersProvider } from 'robocoders-ai-provider/v4';
import { getStorage } from './storage';

let provider: RobocodersProvider | undefined;

/**
 * The app's provider. Its `store` is the app's storage, so the token and the chat id -> agent
 * session map survive a restart and a follow-up after a reload continues the same session.
 * Configured by ROBOCODERS_BASE_URL and ROBOCODERS_API_KEY (the run command points the URL at the
 * emulator it starts).
 */
export function getRobocoders(): RobocodersProvider {
  provider ??= createRobocoders({
    // An empty variable means "not set", as in a .env file with `ROBOCODERS_API_KEY=`.
    baseURL: process.env.ROBOCODERS_BASE_URL || undefined,
    apiKey: process.env.ROBOCODERS_API_KEY || undefined,
    store: getStorage(),
  });
  return provider;
}
