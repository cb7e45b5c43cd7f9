import { defineConfig } from "vitest/config";

// The agent serves dist/ at "/" of its loopback HTTP port; relative asset paths keep the
// bundle working under any prefix. `npm run dev` can proxy gRPC-Web to a running agent:
//   KIOSK_AGENT_URL=http://127.0.0.1:5080 npm run dev
const agent = process.env.KIOSK_AGENT_URL;

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    assetsInlineLimit: 0,
  },
  server: agent
    ? { proxy: { "/kiosk.v1.": { target: agent, changeOrigin: true } } }
    : undefined,
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
  },
});
