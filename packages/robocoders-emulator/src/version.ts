import { version } from '../package.json';

/**
 * The package version, shown in `/openapi.json` and `--help`. Read from package.json at build
 * time so `changeset version` bumps it too.
 */
export const EMULATOR_VERSION: string = version;
