import * as ai5 from 'ai5';
import * as ai6 from 'ai6';
import * as ai7 from 'ai7';
import * as v2 from 'robocoders-ai-provider/v2';
import * as v3 from 'robocoders-ai-provider/v3';
import * as v4 from 'robocoders-ai-provider/v4';
import { TASK, useEmulator } from './emulator-fixture';
import { runsMajor } from './selected-majors';

const emulator = useEmulator();

type Generate = (options: { model: unknown; prompt: string }) => Promise<{ text: string }>;

/** Everything ai could log a warning through, as one list of strings. */
function spyOnWarnings() {
  const logged: string[] = [];
  const record = (...args: unknown[]) => {
    logged.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
  };
  const spies = [
    vi.spyOn(console, 'warn').mockImplementation(record),
    vi.spyOn(console, 'info').mockImplementation(record),
    vi.spyOn(console, 'log').mockImplementation(record),
    vi.spyOn(process, 'emitWarning').mockImplementation(record),
  ];
  const restore = () => {
    for (const spy of spies) spy.mockRestore();
  };
  return { logged, restore };
}

// Which model each combination gets, and whether ai warns about it. ai 6 and 7 run a V2 model
// in a compatibility mode and say so once per call; ai 5 takes V2, ai 6 V3 and ai 7 V4
// natively, and ai 7 runs V3 through a silent proxy.
const CASES = [
  { name: 'ai 5 + /v2', major: 5, generate: ai5.generateText, entry: v2, warns: false },
  { name: 'ai 6 + /v3', major: 6, generate: ai6.generateText, entry: v3, warns: false },
  { name: 'ai 7 + /v4', major: 7, generate: ai7.generateText, entry: v4, warns: false },
  { name: 'ai 7 + /v3', major: 7, generate: ai7.generateText, entry: v3, warns: false },
  { name: 'ai 6 + /v2', major: 6, generate: ai6.generateText, entry: v2, warns: true },
  { name: 'ai 7 + /v2', major: 7, generate: ai7.generateText, entry: v2, warns: true },
] as const;

describe.each(CASES.filter((entry) => runsMajor(entry.major)))(
  '$name',
  ({ generate, entry, warns }) => {
    it(warns ? 'logs the v2 compatibility warning' : 'logs no compatibility warning', async () => {
      const model = entry.createRobocoders({ baseURL: emulator().url, maxContinuations: 0 })(
        'GeneralCodingAgent',
      );
      const warnings = spyOnWarnings();
      try {
        const result = await (generate as unknown as Generate)({ model, prompt: TASK });
        expect(result.text).toMatch(/factorial/);
      } finally {
        warnings.restore();
      }
      const compatibility = warnings.logged.filter((line) => /compatibility/i.test(line));
      if (warns) {
        expect(compatibility).toEqual([
          expect.stringMatching(/specificationVersion.*v2 specification compatibility mode/s),
        ]);
      } else {
        expect(warnings.logged).toEqual([]);
      }
    });
  },
);
