/** The package version, shown in `/openapi.json` and `--help` (a test keeps it in sync). */
export const EMULATOR_VERSION = '0.1.0';
