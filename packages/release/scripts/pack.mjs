#!/usr/bin/env node
// `npm run pack`: builds the public packages and writes one tarball each into `.pack/` (git-ignored), with
// pnpm, which turns `workspace:` ranges into versions and applies `publishConfig` (the dist `exports` and
// `types`) to the packed manifest; then prints their sizes. The packed-install test packs the same way.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { ensureDependencies, ensurePnpm, ROOT } from "../../../.ci/lib/toolchain.mjs";

/** The workspace packages that are published: every `packages/*` without `"private": true`. */
export function publicPackages() {
  const base = join(ROOT, "packages");
  return readdirSync(base)
    .map((name) => join(base, name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** The total size of the files in a `.tgz` (the sum of the tar entries' sizes). */
export function unpackedSize(tarball) {
  const tar = gunzipSync(readFileSync(tarball));
  let total = 0;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(header.toString("latin1", 124, 136).replace(/\0.*$/, ""), 8) || 0;
    if (header[156] === 0x30 || header[156] === 0) total += size;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return total;
}

function pnpm(args, cwd) {
  const result = spawnSync(ensurePnpm(), args, { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.status !== 0) {
    throw new Error(`pnpm ${args.join(" ")} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Packs every public package into `dest`. With `build: "always"` each is built first; with `"missing"`
 * only those without a `dist/` (the root `npm test` has just built them all).
 * @returns `{ name, version, file, packed, unpacked }` per package, sizes in bytes.
 */
export function packPublicPackages(dest, { build = "always" } = {}) {
  ensureDependencies();
  mkdirSync(dest, { recursive: true });
  const packages = publicPackages();
  const toBuild = packages.filter(
    ({ dir }) => build === "always" || !existsSync(join(dir, "dist")),
  );
  if (toBuild.length > 0) {
    pnpm(toBuild.flatMap(({ manifest }) => ["--filter", manifest.name]).concat("build"), ROOT);
  }
  return packages.map(({ dir, manifest }) => {
    const out = pnpm(["pack", "--pack-destination", dest, "--json"], dir);
    const { filename } = JSON.parse(out.slice(out.indexOf("{")));
    return {
      name: manifest.name,
      version: manifest.version,
      file: filename,
      packed: statSync(filename).size,
      unpacked: unpackedSize(filename),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dest = join(ROOT, ".pack");
  rmSync(dest, { recursive: true, force: true });
  const packed = packPublicPackages(dest);
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log("\n| package | tarball | packed | unpacked |\n| --- | --- | ---: | ---: |");
  for (const p of packed) {
    console.log(
      `| ${p.name}@${p.version} | .pack/${p.file.split("/").pop()} | ${kb(p.packed)} | ${kb(p.unpacked)} |`,
    );
  }
}
