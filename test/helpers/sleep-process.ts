import { afterAll } from "bun:test";
import { readFileSync } from "node:fs";

let started = 0;

/**
 * Starts `sleep <marker>` and resolves once it has exec'd. The marker (a duration of 15–25
 * minutes, unique to this call) finds the process in searches. Bun.spawn returns after the fork,
 * and for a moment during exec the kernel already shows the new name and executable but no
 * argv, so a test reading the process at once could see an empty command line.
 */
export async function spawnSleep(): Promise<{ proc: Bun.Subprocess; marker: string }> {
  started += 1;
  const marker = `${900 + Math.floor(Math.random() * 600)}.${process.pid}${started}${Date.now() % 100_000}`;
  const proc = Bun.spawn(["sleep", marker], { stdout: "ignore", stderr: "ignore" });
  const argv = `sleep\0${marker}\0`;
  const execd = () => {
    try {
      return readFileSync(`/proc/${proc.pid}/cmdline`, "utf8") === argv;
    } catch {
      return false; // gone already; the deadline reports it
    }
  };
  for (const deadline = Date.now() + 5000; !execd(); await Bun.sleep(5)) {
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`sleep ${marker} did not start within 5 s`);
    }
  }
  return { proc, marker };
}

/** The child processes of the calling test file: all are killed (SIGKILL) in its `afterAll` hook. */
export function useChildren() {
  const children: Bun.Subprocess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL");
  });
  return {
    /** Has `proc` killed with the others. */
    add(proc: Bun.Subprocess): void {
      children.push(proc);
    },
    /** {@link spawnSleep}, its process killed with the others. */
    async sleep(): Promise<{ proc: Bun.Subprocess; marker: string }> {
      const started = await spawnSleep();
      children.push(started.proc);
      return started;
    },
  };
}
