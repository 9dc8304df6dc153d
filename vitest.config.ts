import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Host-zone bugs show under an awkward zone (+13:45/+12:45, DST in April and September).
    env: { TZ: "Pacific/Chatham", NO_COLOR: "1" },
    testTimeout: 30_000,
  },
});
