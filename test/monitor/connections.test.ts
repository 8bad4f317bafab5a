import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Connection,
  parseProcNet,
  readConnections,
  socketOwners,
} from "../../src/monitor/connections.ts";

const TCP_HEADER =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
const TCP6_HEADER =
  "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

const TCP = [
  TCP_HEADER,
  "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41235 1 0000000000000000 100 0 0 10 0",
  "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 02:000AB3F1 00000000  1000        0 41301 1 0000000000000000 20 4 30 10 -1",
  "   2: 020200C0:8E50 507100CB:0050 06 00000000:00000000 03:0000115B 00000000     0        0 0 3 0000000000000000",
  "   3: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1062 1 0000000000000000 100 0 0 10 0",
  "",
].join("\n");

const TCP6 = [
  TCP6_HEADER,
  "   0: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2001 1 0000000000000000 100 0 0 10 0",
  "   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C350 01 00000000:00000000 00:00000000 00000000    33        0 2002 1 0000000000000000 20 4 30 10 -1",
  "   2: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2003 1 0000000000000000 100 0 0 10 0",
  "   3: B80D0120000000000000000001000000:01BB 000080FE0000000000000000FF000000:E2A1 08 00000000:00000000 00:00000000 00000000     0        0 2004 1 0000000000000000 20 4 30 10 -1",
].join("\n");

const UDP = [
  "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
  "  200: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 3001 2 0000000000000000 0",
  "  201: 0100007F:A1B2 0100007F:0035 01 00000000:00000000 00:00000000 00000000  1000        0 3002 2 0000000000000000 0",
].join("\n");

describe("parseProcNet", () => {
  test("decodes IPv4 lines: LISTEN, ESTABLISHED, TIME_WAIT with inode 0; skips the header", () => {
    const rows = parseProcNet(TCP, "tcp");
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      protocol: "tcp",
      localAddress: "127.0.0.1",
      localPort: 8080,
      remoteAddress: null,
      remotePort: null,
      state: "LISTEN",
      inode: 41235,
      uid: 1000,
    });
    expect(rows[1]).toMatchObject({
      localAddress: "127.0.0.1",
      localPort: 8080,
      remoteAddress: "127.0.0.1",
      remotePort: 0xd431,
      state: "ESTABLISHED",
      inode: 41301,
    });
    expect(rows[2]).toMatchObject({
      localAddress: "192.0.2.2",
      localPort: 36432,
      remoteAddress: "203.0.113.80",
      remotePort: 80,
      state: "TIME_WAIT",
      inode: 0,
      uid: 0,
    });
    expect(rows[3]).toMatchObject({ localAddress: "0.0.0.0", localPort: 22, state: "LISTEN" });
  });

  test("decodes IPv6 lines: ::1 listener, IPv4-mapped, ::, canonical compression", () => {
    const rows = parseProcNet(TCP6, "tcp6");
    expect(rows.map((r) => [r.localAddress, r.localPort, r.remoteAddress, r.remotePort, r.state])).toEqual([
      ["::1", 631, null, null, "LISTEN"],
      ["::ffff:127.0.0.1", 8080, "::ffff:127.0.0.1", 50000, "ESTABLISHED"],
      ["::", 80, null, null, "LISTEN"],
      ["2001:db8::1", 443, "fe80::ff", 0xe2a1, "CLOSE_WAIT"],
    ]);
    expect(rows[1]).toMatchObject({ protocol: "tcp6", uid: 33, inode: 2002 });
  });

  test("UDP: unconnected sockets are LISTEN with no remote, connected ones ESTABLISHED", () => {
    const rows = parseProcNet(UDP, "udp");
    expect(rows).toEqual([
      {
        protocol: "udp",
        localAddress: "127.0.0.53",
        localPort: 53,
        remoteAddress: null,
        remotePort: null,
        state: "LISTEN",
        inode: 3001,
        uid: 101,
      },
      {
        protocol: "udp",
        localAddress: "127.0.0.1",
        localPort: 0xa1b2,
        remoteAddress: "127.0.0.1",
        remotePort: 53,
        state: "ESTABLISHED",
        inode: 3002,
        uid: 1000,
      },
    ]);
  });

  test("header only, empty text and garbage give nothing", () => {
    expect(parseProcNet(TCP_HEADER, "tcp")).toEqual([]);
    expect(parseProcNet("", "tcp6")).toEqual([]);
    expect(parseProcNet(`${TCP_HEADER}\nnot a socket line\n`, "tcp")).toEqual([]);
  });
});

describe("socketOwners", () => {
  let root = "";
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = "";
  });

  test("maps socket inodes to pids from fd links, skipping other links, non-pids and vanished fd dirs", () => {
    root = mkdtempSync(join(tmpdir(), "warden-proc-"));
    const fd = (pid: string, n: string, target: string) => {
      mkdirSync(join(root, pid, "fd"), { recursive: true });
      symlinkSync(target, join(root, pid, "fd", n));
    };
    fd("10", "0", "/dev/null");
    fd("10", "3", "socket:[111]");
    fd("10", "4", "pipe:[999]");
    fd("20", "5", "socket:[222]");
    fd("20", "6", "anon_inode:[eventpoll]");
    fd("self", "3", "socket:[333]");
    mkdirSync(join(root, "30")); // no fd directory, like a process that exited mid-scan
    expect([...socketOwners(root)].sort()).toEqual([
      [111, 10],
      [222, 20],
    ]);
  });

  test("the real /proc includes a socket of this process", async () => {
    const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      const owners = socketOwners();
      const mine = readConnections({ pid: process.pid }).find((c) => c.localPort === server.port);
      expect(mine).toBeDefined();
      expect(owners.get(mine?.inode ?? -1)).toBe(process.pid);
    } finally {
      server.stop(true);
    }
  });
});

describe("readConnections on this host", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const fn of cleanup.splice(0).reverse()) fn();
  });

  const myComm = readFileSync("/proc/self/comm", "utf8").trim();

  function listen() {
    let accepted = 0;
    const server = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open() {
          accepted++;
        },
        data() {},
      },
    });
    cleanup.push(() => server.stop(true));
    return { server, accepted: () => accepted };
  }

  test("a Bun.listen socket is LISTEN, owned by this process with its comm", () => {
    const { server } = listen();
    const found = readConnections().filter((c) => c.localPort === server.port && c.protocol === "tcp");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      protocol: "tcp",
      localAddress: "127.0.0.1",
      localPort: server.port,
      remoteAddress: null,
      remotePort: null,
      state: "LISTEN",
      uid: process.getuid?.() ?? 0,
      pid: process.pid,
      process: myComm,
    });
    expect(found[0]?.inode).toBeGreaterThan(0);
  });

  test("an established loopback connection shows on both ends with the right ports", async () => {
    const { server, accepted } = listen();
    const client = await Bun.connect({ hostname: "127.0.0.1", port: server.port, socket: { data() {} } });
    cleanup.push(() => client.end());
    for (let i = 0; i < 100 && accepted() === 0; i++) await Bun.sleep(10);
    expect(accepted()).toBe(1);

    const mine = readConnections({ pid: process.pid });
    const clientEnd = mine.find((c) => c.remotePort === server.port && c.state === "ESTABLISHED");
    expect(clientEnd).toMatchObject({
      protocol: "tcp",
      localAddress: "127.0.0.1",
      remoteAddress: "127.0.0.1",
      pid: process.pid,
    });
    const clientPort = clientEnd?.localPort ?? -1;
    expect(clientPort).toBeGreaterThan(0);
    if (client.localPort) expect(clientPort).toBe(client.localPort);
    const serverEnd = mine.find((c) => c.localPort === server.port && c.state === "ESTABLISHED");
    expect(serverEnd).toMatchObject({
      localAddress: "127.0.0.1",
      remoteAddress: "127.0.0.1",
      remotePort: clientPort,
      pid: process.pid,
      process: myComm,
    });
    expect(serverEnd?.inode).not.toBe(clientEnd?.inode);
  });

  test("a bound UDP socket is listed as udp LISTEN without a remote", async () => {
    const udp = await Bun.udpSocket({ hostname: "127.0.0.1" });
    cleanup.push(() => udp.close());
    const found = readConnections().find((c) => c.protocol === "udp" && c.localPort === udp.port);
    expect(found).toMatchObject({
      localAddress: "127.0.0.1",
      remoteAddress: null,
      remotePort: null,
      state: "LISTEN",
      pid: process.pid,
      process: myComm,
    });
  });

  test("a child process's listener carries the child's pid; the pid option restricts to one process", async () => {
    const script =
      'const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } }); console.log(s.port); setInterval(() => {}, 1000);';
    const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
    cleanup.push(() => child.kill());
    const reader = child.stdout.getReader();
    let out = "";
    while (!out.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += new TextDecoder().decode(value);
    }
    reader.releaseLock();
    const port = Number(out.trim());
    expect(port).toBeGreaterThan(0);
    const childComm = readFileSync(`/proc/${child.pid}/comm`, "utf8").trim();

    const all = readConnections();
    expect(all.find((c) => c.localPort === port && c.state === "LISTEN")).toMatchObject({
      protocol: "tcp",
      localAddress: "127.0.0.1",
      pid: child.pid,
      process: childComm,
    });

    const childOnly = readConnections({ pid: child.pid });
    expect(childOnly.length).toBeGreaterThan(0);
    expect(childOnly.every((c) => c.pid === child.pid)).toBe(true);
    expect(childOnly.some((c) => c.localPort === port && c.state === "LISTEN")).toBe(true);

    const { server } = listen();
    const mine = readConnections({ pid: process.pid });
    expect(mine.every((c) => c.pid === process.pid)).toBe(true);
    expect(mine.some((c) => c.localPort === server.port)).toBe(true);
    expect(mine.some((c) => c.localPort === port)).toBe(false);
  });

  test("the pid option gives nothing for a pid that does not exist", () => {
    expect(readConnections({ pid: 2 ** 22 + 1 })).toEqual([]);
  });

  test("listeningOnly keeps listeners only; results list listeners first, then by port", async () => {
    const { server, accepted } = listen();
    const client = await Bun.connect({ hostname: "127.0.0.1", port: server.port, socket: { data() {} } });
    cleanup.push(() => client.end());
    for (let i = 0; i < 100 && accepted() === 0; i++) await Bun.sleep(10);

    const listening = readConnections({ listeningOnly: true });
    expect(listening.every((c) => c.state === "LISTEN")).toBe(true);
    expect(listening.some((c) => c.localPort === server.port && c.pid === process.pid)).toBe(true);
    expect(listening.some((c) => c.remotePort === server.port)).toBe(false);

    const all = readConnections();
    expect(all.some((c) => c.remotePort === server.port && c.state === "ESTABLISHED")).toBe(true);
    const order = (c: Connection) => [c.state === "LISTEN" ? 0 : 1, c.localPort] as const;
    for (let i = 1; i < all.length; i++) {
      const [a0, a1] = order(all[i - 1] as Connection);
      const [b0, b1] = order(all[i] as Connection);
      expect(a0 < b0 || (a0 === b0 && a1 <= b1)).toBe(true);
    }
  });
});
