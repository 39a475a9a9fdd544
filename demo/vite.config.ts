import { resolve } from "node:path";
import { defineConfig } from "vite";
import { partials } from "./vite-partials.ts";

const page = (name: string) => resolve(import.meta.dirname, name);

export default defineConfig({
  plugins: [partials()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: {
    target: "es2022",
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        index: page("index.html"),
        panier: page("panier.html"),
        merci: page("merci.html"),
        erreur: page("erreur.html"),
        kindOfBlue: page("produits/kind-of-blue.html"),
        blueTrain: page("produits/blue-train.html"),
        goldberg: page("produits/goldberg.html"),
        brel: page("produits/brel-integrale.html"),
      },
    },
  },
});
