import { remote } from "webdriverio";
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * The debug build that `make test` makes (custom-protocol on, so it serves ui/dist);
 * GLASSBOX_E2E_APP points at another build, e.g. the release one for timings.
 */
export const APP_BINARY = process.env.GLASSBOX_E2E_APP ?? resolve(import.meta.dirname, "../../target/debug/glassbox-app");
export const SCREENSHOTS = resolve(import.meta.dirname, "../../target/e2e");

export type Browser = WebdriverIO.Browser;

export async function launchApp(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: {
      // WebKitWebDriver speaks classic WebDriver only.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP_BINARY },
    } as WebdriverIO.Capabilities,
  });
}

/** Launches the app and waits until its home screen lists the lessons. */
export async function launchAtHome(): Promise<Browser> {
  const browser = await launchApp();
  await (await browser.$('[data-testid="lesson-list"]')).waitForExist({ timeout: 20_000 });
  return browser;
}

/** How long WebKitWebDriver gets for a screenshot before the X screen is captured instead. */
const SCREENSHOT_WAIT_MS = 20_000;

/**
 * Saves the window. WebKitWebDriver's screenshot waits for a repaint; when none comes soon
 * (seen under Xvfb after some clicks on a loaded machine) the whole X screen is captured.
 */
export async function screenshot(browser: Browser, name: string) {
  const path = resolve(SCREENSHOTS, `${name}.png`);
  // A one-pixel change the page cannot see, so WebKit has a frame to paint.
  await browser.execute(() => {
    const root = document.documentElement;
    root.style.outline = root.style.outline ? "" : "1px solid transparent";
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((done) => (timer = setTimeout(() => done("timeout"), SCREENSHOT_WAIT_MS)));
  try {
    const result = await Promise.race([browser.saveScreenshot(path).then(() => "saved" as const), timedOut]);
    if (result === "timeout") screenshotScreen(name);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Captures the whole X screen. Used in full screen, where WebKitWebDriver's own screenshot
 * waits for a repaint that a full-screen switch of an already screen-sized window never sends.
 */
export function screenshotScreen(name: string) {
  execFileSync("import", ["-window", "root", resolve(SCREENSHOTS, `${name}.png`)]);
}

/** Calls one of the app's own Tauri commands from inside the page. */
export async function invokeCommand<T>(browser: Browser, command: string, args: Record<string, unknown>): Promise<T> {
  return browser.executeAsync(
    (cmd: string, a: Record<string, unknown>, done: (v: unknown) => void) => {
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } })
        .__TAURI_INTERNALS__.invoke(cmd, a)
        .then(done, (e: unknown) => done({ error: String(e) }));
    },
    command,
    args,
  ) as Promise<T>;
}
