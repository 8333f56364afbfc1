// The main entry is the AI SDK 4 (`LanguageModelV1`) one; `/v2` and `/v3` are its peers.
export * from './v1';
