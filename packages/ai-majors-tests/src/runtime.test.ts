import { runsMajor } from './selected-majors';

describe('the Node this run is on', () => {
  if (runsMajor(7)) {
    it('is Node 22 from the npm `node` package, which ai 7 requires', () => {
      expect(process.versions.node).toMatch(/^22\./);
      expect(process.execPath).toMatch(/node_modules[\\/]node[\\/]bin[\\/]node$/);
    });
  } else {
    it('is the Node that runs pnpm, not the ai 7 one', () => {
      expect(process.execPath).not.toMatch(/node_modules[\\/]node[\\/]bin[\\/]node$/);
    });
  }
});
