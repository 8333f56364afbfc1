// Consumer smoke tests: the packed tarballs of robocoders-ai-provider and robocoders-emulator,
// installed with npm into scratch projects outside the workspace (as a user would install them
// from the registry), stream from the emulator started through the packed emulator's bin, with
// each supported ai major, from an ES module and from a CommonJS script.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  installScratchProject,
  packWorkspacePackage,
  runNodeScript,
  startInstalledEmulator,
} from './scratch-project.mjs';

// ai 4 needs zod 3; ai 5 to 7 accept zod 3.25 or 4, and new apps on them mostly have zod 4.
const ZOD_3 = '3.25.76';
const ZOD_4 = '4.6.7';
const TASK = 'Write a factorial function in Python';

/** Which ai major is paired with which entry point of the provider. */
const MATRIX = [
  {
    name: 'ai 4 + zod 3 + robocoders-ai-provider',
    ai: '4.3.19',
    zod: ZOD_3,
    entry: 'robocoders-ai-provider',
  },
  {
    name: 'ai 5 + zod 3 + robocoders-ai-provider/v2',
    ai: '5.0.277',
    zod: ZOD_3,
    entry: 'robocoders-ai-provider/v2',
  },
  {
    name: 'ai 6 + zod 4 + robocoders-ai-provider/v3',
    ai: '6.0.326',
    zod: ZOD_4,
    entry: 'robocoders-ai-provider/v3',
  },
  {
    name: 'ai 7 + zod 4 + robocoders-ai-provider/v4',
    ai: '7.0.173',
    zod: ZOD_4,
    entry: 'robocoders-ai-provider/v4',
    // ai 7 is ESM-only.
    formats: ['esm'],
  },
];

// ai 7 declares Node 22: its rows run in a process of their own on Node 22 (`pnpm test:ai7`,
// through with-node-22), the others on the Node that runs pnpm. AI_MAJORS picks the rows.
const AI_MAJORS = (process.env.AI_MAJORS || '4,5,6,7').split(',').map(Number);
if (AI_MAJORS.includes(7) && Number(process.versions.node.split('.')[0]) < 22) {
  throw new Error(`ai 7 needs Node 22, this is ${process.version}: run \`pnpm test:ai7\`.`);
}
const ROWS = MATRIX.filter(({ ai }) => AI_MAJORS.includes(Number.parseInt(ai, 10)));

/**
 * A script that streams one answer and prints what the test checks as one JSON line. ai 7 keeps
 * the provider metadata on the result's final step (`result.providerMetadata` is deprecated).
 */
function streamScript(entry, format, ai) {
  const metadataOf = ai.startsWith('7.')
    ? '(await result.finalStep).providerMetadata'
    : '(await result.providerMetadata)';
  const body = `
  // The base URL comes from ROBOCODERS_BASE_URL, as in a deployed app.
  const robocoders = createRobocoders({ maxContinuations: 0 });
  const result = streamText({ model: robocoders('GeneralCodingAgent'), prompt: ${JSON.stringify(TASK)} });
  let chunks = 0;
  let text = '';
  for await (const delta of result.textStream) {
    chunks += 1;
    text += delta;
  }
  const metadata = ${metadataOf}?.robocoders;
  // Provider options are validated with the project's own zod (a peer dependency).
  let invalidOptions = 'accepted';
  try {
    await generateText({
      model: robocoders('GeneralCodingAgent'),
      prompt: 'hi',
      providerOptions: { robocoders: { sessionId: '../etc/passwd' } },
    });
  } catch (error) {
    invalidOptions = error.name + ': ' + error.message;
  }
  console.log(JSON.stringify({
    node: process.versions.node,
    invalidOptions,
    resolved: ${format === 'esm' ? `import.meta.resolve(${JSON.stringify(entry)})` : `require.resolve(${JSON.stringify(entry)})`},
    chunks,
    text,
    finishReason: await result.finishReason,
    sessionId: metadata?.sessionId,
  }));`;
  return format === 'esm'
    ? `import { generateText, streamText } from 'ai';
import { createRobocoders } from '${entry}';
${body}
`
    : `const { generateText, streamText } = require('ai');
const { createRobocoders } = require('${entry}');
(async () => {${body}
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;
}

describe('packed tarballs in scratch projects', () => {
  /** @type {string | undefined} */
  let workDir;
  /** @type {{ url: string, stop: () => Promise<void> } | undefined} */
  let emulator;
  /** @type {Map<string, string>} project dir per ai version */
  const projects = new Map();
  /** @param {string} ai */
  const projectDir = (ai) => {
    const dir = projects.get(ai);
    if (dir === undefined) throw new Error(`no scratch project for ai ${ai}`);
    return dir;
  };

  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'robocoders-smoke-'));
    const tarballs = join(workDir, 'tarballs');
    // Sequential: two `pnpm pack` at once would fight over the 2 cores for nothing.
    const providerTarball = await packWorkspacePackage('robocoders-ai-provider', tarballs);
    const emulatorTarball = await packWorkspacePackage('robocoders-emulator', tarballs);

    const emulatorProject = join(workDir, 'emulator');
    const installs = [
      installScratchProject(emulatorProject, { 'robocoders-emulator': `file:${emulatorTarball}` }),
    ];
    for (const { ai, zod } of ROWS) {
      const dir = join(workDir, `ai-${ai}`);
      projects.set(ai, dir);
      installs.push(
        installScratchProject(dir, {
          ai,
          zod,
          'robocoders-ai-provider': `file:${providerTarball}`,
        }),
      );
    }
    await Promise.all(installs);
    emulator = await startInstalledEmulator(emulatorProject);
  });

  after(async () => {
    await emulator?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  for (const { name, ai, entry, formats = ['esm', 'cjs'] } of ROWS) {
    for (const format of formats) {
      it(`${name}: streamText from ${format === 'esm' ? 'an ES module' : 'CommonJS'}`, async () => {
        const dir = projectDir(ai);
        const file = `stream.${format === 'esm' ? 'mjs' : 'cjs'}`;
        await writeFile(join(dir, file), streamScript(entry, format, ai));
        const url = emulator?.url;
        assert.ok(url, 'the emulator did not start');
        const result = await runNodeScript(dir, file, { ROBOCODERS_BASE_URL: url });

        // The build of the matching format was loaded, from the installed tarball.
        assert.match(result.resolved, /node_modules[\\/]robocoders-ai-provider[\\/]dist[\\/]/);
        assert.match(result.resolved, format === 'esm' ? /\.js$/ : /\.cjs$/);
        // How many deltas depends on the entry (V3 and V4 send the agent's steps as tool parts, not text).
        assert.ok(result.chunks >= 1, 'expected a streamed answer, got no text chunk');
        assert.match(result.text, /factorial/);
        assert.equal(result.finishReason, 'stop');
        if (ai.startsWith('7.')) assert.match(result.node, /^22\./, 'ai 7 ran on Node 22');
        assert.match(result.sessionId, /^[A-Za-z0-9_-]+$/);
        assert.match(
          result.invalidOptions,
          /^AI_InvalidArgumentError: Invalid Robocoders provider options: sessionId: /,
        );
      });
    }
  }

  // With the ai 4 rows (on the Node that runs pnpm), not again in the ai 7 run.
  if (ROWS.includes(MATRIX[0])) {
    it('loads every entry of exports with import and require, and installs no jose', async () => {
      const dir = projectDir(MATRIX[0].ai);
      const manifest = JSON.parse(
        await readFile(join(dir, 'node_modules', 'robocoders-ai-provider', 'package.json'), 'utf8'),
      );
      const entries = Object.keys(manifest.exports)
        .filter((key) => key !== './package.json')
        .map((key) => `robocoders-ai-provider${key.slice(1)}`);
      assert.ok(entries.length >= 4, `expected ., /v2, /v3 and /v4, got ${entries}`);
      const script = `
  const entries = ${JSON.stringify(entries)};
  (async () => {
    const loaded = {};
    for (const entry of entries) {
      const required = require(entry);
      const imported = await import(entry);
      loaded[entry] = [typeof required.createRobocoders, typeof imported.createRobocoders];
    }
    console.log(JSON.stringify(loaded));
  })();
  `;
      await writeFile(join(dir, 'entries.cjs'), script);
      const loaded = await runNodeScript(dir, 'entries.cjs', {});
      assert.deepEqual(
        loaded,
        Object.fromEntries(entries.map((entry) => [entry, ['function', 'function']])),
      );
      // jose is bundled into the builds, so it is not a dependency of the published package.
      assert.equal(existsSync(join(dir, 'node_modules', 'jose')), false);
    });
  }
});
