/** Shared domain types. Instants are epoch milliseconds (UTC); zones apply only when reading or printing. */

// The shared domain types, one file per layer under types/ (they import only each other).
export * from "./types/base.js";
export * from "./types/config.js";
export * from "./types/definition.js";
export * from "./types/ingest.js";
export * from "./types/opportunity.js";
export * from "./types/replay.js";
