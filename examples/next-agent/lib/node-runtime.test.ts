import { describe, expect, it } from 'vitest';

describe('the runtime of this app’s scripts', () => {
  it('is Node 22 from the npm `node` package, as ai 7 and @ai-sdk/react 4 require', () => {
    expect(process.versions.node).toMatch(/^22\./);
    expect(process.execPath).toMatch(/node_modules[\\/]node[\\/]bin[\\/]node$/);
  });
});
