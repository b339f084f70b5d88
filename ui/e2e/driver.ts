import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { homedir } from "node:os";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Starts tauri-driver (WebDriver on :4444, which starts WebKitWebDriver) for the whole run. */
const PORT = 4444;
let driver: ChildProcess | undefined;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

export async function setup() {
  const cargoBin = join(homedir(), ".cargo", "bin", "tauri-driver");
  const command = existsSync(cargoBin) ? cargoBin : "tauri-driver";
  driver = spawn(command, ["--port", String(PORT)], { stdio: ["ignore", "inherit", "inherit"] });
  driver.on("error", (err) => {
    throw new Error(`could not start tauri-driver (${err.message}); \`make test\` installs it`);
  });
  for (let i = 0; i < 100; i++) {
    if (await portOpen(PORT)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not open port 4444 within 10 s");
}

export async function teardown() {
  driver?.kill();
}
