// A small W3C WebDriver client over fetch, and the processes the browser benchmarks need:
// ChromeDriver with Debian's Chromium (the same flags as the journeys' harness in
// crates/e2e/src/lib.rs) and the static server with the production headers.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** A loopback port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process and resolves once a line of its output contains `ready` (30 s at most). */
export function spawnUntilReady(cmd, args, ready, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let seen = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${cmd} did not print ${JSON.stringify(ready)}; it printed:\n${seen}`));
    }, 30_000);
    const onData = (buf) => {
      const text = buf.toString();
      if (process.env.BENCH_VERBOSE) process.stderr.write(`  | ${text}`);
      if (seen.length < 20_000) seen += text;
      const line = text.split("\n").find((l) => l.includes(ready));
      if (line !== undefined && timer) {
        clearTimeout(timer);
        resolve({ child, line });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited (${code}) before it was ready:\n${seen}`));
    });
  });
}

/** Serves a built site on localhost like Static Web Apps does (tools/serve/serve.mjs). */
export async function serveSite(dir, extraArgs = [], fixedPort = undefined) {
  const port = fixedPort ?? (await freePort());
  const { child } = await spawnUntilReady(
    "node",
    [join(ROOT, "tools/serve/serve.mjs"), "--dir", dir, "--port", String(port), ...extraArgs],
    "serving",
  );
  return { child, url: `http://localhost:${port}` };
}

/** Chromium through ChromeDriver. `extraArgs` are added to the harness's flags. */
export class Browser {
  static async start(extraArgs = []) {
    const port = await freePort();
    const driverBin = process.env.CHROMEDRIVER || "/usr/bin/chromedriver";
    const { child } = await spawnUntilReady(driverBin, [`--port=${port}`], "started successfully");
    const profile = mkdtempSync(join(tmpdir(), "anf-bench-profile-"));
    const b = new Browser(child, `http://127.0.0.1:${port}`, profile);
    const args = [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--window-size=1280,900",
      "--lang=en-US",
      `--user-data-dir=${profile}`,
      ...extraArgs,
    ];
    const caps = {
      capabilities: {
        alwaysMatch: {
          browserName: "chrome",
          "goog:chromeOptions": { binary: "/usr/bin/chromium", args },
        },
      },
    };
    const session = await b.call("POST", "/session", caps);
    b.session = session.sessionId;
    return b;
  }

  constructor(child, base, profile) {
    this.child = child;
    this.base = base;
    this.profile = profile;
  }

  async call(method, path, body) {
    const res = await fetch(this.base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (json.value && json.value.error) {
      throw new Error(`WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
    }
    return json.value;
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  goto(url) {
    return this.call("POST", this.s("/url"), { url });
  }

  execute(script, args = []) {
    return this.call("POST", this.s("/execute/sync"), { script, args });
  }

  /** A Chrome DevTools Protocol command (ChromeDriver's vendor endpoint). */
  cdp(cmd, params = {}) {
    return this.call("POST", this.s("/goog/cdp/execute"), { cmd, params });
  }

  /** Polls `script` every 50 ms until it returns something other than null (or `secs` pass). */
  async waitFor(script, secs, what) {
    const until = Date.now() + secs * 1000;
    for (;;) {
      const v = await this.execute(script);
      if (v !== null && v !== undefined) return v;
      if (Date.now() > until) {
        const text = await this.execute("return document.body ? document.body.innerText : ''");
        throw new Error(`no ${what} after ${secs}s; the page says:\n${String(text).slice(0, 2000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async findCss(css) {
    const el = await this.call("POST", this.s("/element"), { using: "css selector", value: css });
    return Object.values(el)[0];
  }

  async type(css, text) {
    const id = await this.findCss(css);
    await this.call("POST", this.s(`/element/${id}/clear`), {});
    await this.call("POST", this.s(`/element/${id}/value`), { text });
  }

  async click(css) {
    const id = await this.findCss(css);
    await this.call("POST", this.s(`/element/${id}/click`), {});
  }

  async quit() {
    try {
      await this.call("DELETE", this.s(""));
    } catch {
      // The session may already be gone.
    }
    this.child.kill();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
