import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";

/** The folder the tarballs were installed into, and what was packed. */
export interface Installation {
  /** An npm project outside the workspace with the three packages in its node_modules. */
  readonly app: string;
  /** One entry per public package: name, version, tarball path, packed and unpacked sizes in bytes. */
  readonly tarballs: readonly {
    name: string;
    version: string;
    file: string;
    packed: number;
    unpacked: number;
  }[];
}

declare module "vitest" {
  export interface ProvidedContext {
    installation: Installation;
  }
}

/** The installation made by the global setup. */
export function installation(): Installation {
  return inject("installation");
}

/** The folder of an installed package. */
export function installedDir(name: string): string {
  return join(installation().app, "node_modules", name);
}

/** The manifest of an installed package, as packed. */
// biome-ignore lint/suspicious/noExplicitAny: a package.json is any JSON.
export function installedManifest(name: string): any {
  return JSON.parse(readFileSync(join(installedDir(name), "package.json"), "utf8"));
}
