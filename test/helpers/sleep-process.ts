import { readFileSync } from "node:fs";

/**
 * Starts `sleep <seconds>` and resolves once it has exec'd. Bun.spawn returns after the fork,
 * and for a moment during exec the kernel already shows the new name and executable but no
 * argv, so a test reading the process at once could see an empty command line.
 */
export async function spawnSleep(seconds: string): Promise<Bun.Subprocess> {
  const proc = Bun.spawn(["sleep", seconds], { stdout: "ignore", stderr: "ignore" });
  const argv = `sleep\0${seconds}\0`;
  const started = () => {
    try {
      return readFileSync(`/proc/${proc.pid}/cmdline`, "utf8") === argv;
    } catch {
      return false; // gone already; the deadline reports it
    }
  };
  for (const deadline = Date.now() + 5000; !started(); await Bun.sleep(5)) {
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`sleep ${seconds} did not start within 5 s`);
    }
  }
  return proc;
}
