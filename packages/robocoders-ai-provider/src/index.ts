// The main entry is the AI SDK 4 (`LanguageModelV1`) one; `/v2`, `/v3` and `/v4` are its peers.
export * from './v1';
