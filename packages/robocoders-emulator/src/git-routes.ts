import type { Hono } from 'hono';
import type { EmulatorEnv } from './api-routes.js';
import type { EmulatorState } from './emulator-state.js';
import type { DumbGitFile } from './git-workspace.js';
import { detailResponse, SESSION_NOT_FOUND } from './http-responses.js';

const LOOSE_OBJECT = /^[0-9a-f]{2}\/[0-9a-f]{38}$/;

/**
 * Serves each workspace snapshot as a git repository under the `repo_url` of
 * `/get-session-code` (`/workspaces/<sid>`), in git's "dumb" HTTP layout, read-only. The listing
 * at `/workspaces/<sid>` itself stays JSON: git only asks for paths below it.
 */
export function mountGitRoutes(app: Hono<EmulatorEnv>, state: EmulatorState): void {
  const serve = async (sid: string, file: DumbGitFile, contentType: string) => {
    if (!state.sessions.get(sid)) return detailResponse(404, SESSION_NOT_FOUND);
    const body = await state.workspaces.read(sid, file);
    if (body === undefined) return detailResponse(404, 'Not Found');
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      headers: { 'content-type': contentType, 'cache-control': 'no-cache' },
    });
  };

  // Also the smart-protocol probe (`?service=git-upload-pack`): a plain-text answer tells git to
  // fall back to the dumb protocol.
  app.get('/workspaces/:sid/info/refs', (c) =>
    serve(c.req.param('sid'), { kind: 'info-refs' }, 'text/plain; charset=utf-8'),
  );
  app.get('/workspaces/:sid/HEAD', (c) =>
    serve(c.req.param('sid'), { kind: 'head' }, 'text/plain; charset=utf-8'),
  );
  app.get('/workspaces/:sid/objects/info/packs', (c) =>
    serve(c.req.param('sid'), { kind: 'packs' }, 'text/plain; charset=utf-8'),
  );
  app.get('/workspaces/:sid/objects/:dir/:name', (c) => {
    const object = `${c.req.param('dir')}/${c.req.param('name')}`;
    if (!LOOSE_OBJECT.test(object)) return detailResponse(404, 'Not Found');
    const oid = object.replace('/', '');
    return serve(c.req.param('sid'), { kind: 'object', oid }, 'application/x-git-loose-object');
  });
}
