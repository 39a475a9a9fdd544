import { defineConfig } from "vite";

// The console is an app build (not a library): index.html and content-hashed chunks under dist/admin/, which
// the worker serves at /admin/ from its static assets (worker/wrangler.jsonc, `assets`). Each page is its
// own chunk. The elements use `static properties` rather than decorators, so Vite needs no decorator
// pre-plugin (TOOLCHAIN.md §4).
export default defineConfig({
  base: "/admin/",
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  resolve: { conditions: ["module", "browser", "production"] },
  // `pnpm dev`: the console on 5174 with hot reload, its /api calls passed to the local worker (npm start).
  server: {
    host: "127.0.0.1",
    port: 5174,
    strictPort: true,
    proxy: { "/api": "http://127.0.0.1:8787" },
  },
  build: {
    outDir: "dist/admin",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    rollupOptions: { output: { comments: false } },
  },
});
