// Apart from src/ai7-paths.ts so that the Node 20 parent can name the versions without loading
// ai 7 itself (ESM-only, Node 22).

/** The versions measured in the ai 7 part, as its tables name them. */
export const AI7_VERSION = '7.0.173';
export const OPENAI_COMPATIBLE_3_VERSION = '3.0.92';
