// Vite builds the one single-page app that `seatkeeper serve` serves from web/dist (the `web.dir` setting).
// base "/" makes every asset URL absolute (/assets/…), so index.html works at any client-side route depth
// (/partner/offers/crm/plans/basic) and pages can be bookmarked. Every emitted asset gets a gzip twin
// (`x.js.gz`) that the server sends to clients accepting gzip.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// After the bundle is written (so after every other plugin changed the code), each asset of 1 KiB or more
// gets a gzip twin beside it.
function gzipAssets(): Plugin {
  return {
    name: "seatkeeper-gzip-assets",
    apply: "build",
    writeBundle(options, bundle) {
      const outDir = options.dir ?? "dist";
      for (const fileName of Object.keys(bundle)) {
        if (!fileName.startsWith("assets/") || !/\.(js|css|svg|json)$/.test(fileName)) continue;
        const source = readFileSync(join(outDir, fileName));
        if (source.length < 1024) continue;
        writeFileSync(join(outDir, `${fileName}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  base: "/",
  plugins: [react(), gzipAssets()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    // `npm run dev` for working on the UI: the API comes from a running `seatkeeper serve`.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
