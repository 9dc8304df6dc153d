import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Host-zone bugs show under an awkward zone (+13:45/+12:45, DST in April and September).
    // The binaries the tests start keep no cache in the home folder (tests choose a folder of their own).
    env: { TZ: "Pacific/Chatham", NO_COLOR: "1", FUNNEL_AUDIT_CACHE: "off" },
    testTimeout: 30_000,
  },
});
