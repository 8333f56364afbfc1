import { createRobocoders } from 'robocoders-ai-provider';

type RobocodersProvider = ReturnType<typeof createRobocoders>;

let provider: RobocodersProvider | undefined;

/**
 * The app's one provider instance. It must live as long as the server: it holds the access
 * token and the chat-id -> session map, so a follow-up continues the same Robocoders session.
 * Configured by ROBOCODERS_BASE_URL and ROBOCODERS_API_KEY (the run command points the URL at
 * the emulator it starts).
 */
export function getRobocoders(): RobocodersProvider {
  provider ??= createRobocoders({
    // An empty variable means "not set", as in a .env file with `ROBOCODERS_API_KEY=`.
    baseURL: process.env.ROBOCODERS_BASE_URL || undefined,
    apiKey: process.env.ROBOCODERS_API_KEY || undefined,
  });
  return provider;
}
