// Finds a Chromium for the browser tests: CHROME_PATH, then `chromium`, then `google-chrome`. As root on
// Debian (as CI runs) it installs Debian's package when none is there; test tools never download browsers.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function which(name) {
  const result = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function findBrowser() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH))
    return process.env.CHROME_PATH;
  return which("chromium") ?? which("google-chrome") ?? which("chromium-browser");
}

/** Returns the path of a Chromium executable, installing Debian's package as root on Debian when needed. */
export function ensureBrowser() {
  const found = findBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/etc/debian_version")) {
    console.error("[sceau] no Chromium found: installing Debian's chromium package");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [
      ["update", "-qq"],
      ["install", "-y", "-qq", "chromium"],
    ]) {
      const result = spawnSync("apt-get", args, { stdio: "inherit", env });
      if (result.status !== 0) break;
    }
    const installed = findBrowser();
    if (installed) return installed;
  }
  return undefined;
}
