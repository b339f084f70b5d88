import { defineConfig } from "vitest/config";

// End-to-end tests drive the real desktop binary through tauri-driver (see e2e/driver.ts).
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/driver.ts"],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    environment: "node",
  },
});
