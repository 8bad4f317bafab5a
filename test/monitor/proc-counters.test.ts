import { describe, expect, test } from "bun:test";
import {
  parseDiskDevices,
  parseMeminfoFields,
  parseNetDevices,
  parseStatCounters,
} from "../../src/monitor/proc-counters.ts";

describe("/proc counters per device and field, on fixed text", () => {
  // Each device's counters keyed by its name, in the file's order.
  test.each<{
    file: string;
    parse: (text: string) => Map<string, unknown>;
    lines: string[];
    expected: Record<string, unknown>;
  }>([
    {
      file: "every interface of /proc/net/dev, loopback included, with bytes, packets, errors and drops",
      parse: parseNetDevices,
      lines: [
        "Inter-|   Receive                                                |  Transmit",
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
        "    lo: 999 1 0 0 0 0 0 0 999 1 0 0 0 0 0 0",
        "  eth0: 1000 10 2 3 0 0 0 0 2000 20 4 5 0 0 0 0",
      ],
      expected: {
        lo: expect.anything(),
        eth0: {
          receiveBytes: 1000,
          receivePackets: 10,
          receiveErrs: 2,
          receiveDrop: 3,
          transmitBytes: 2000,
          transmitPackets: 20,
          transmitErrs: 4,
          transmitDrop: 5,
        },
      },
    },
    {
      file: "/proc/diskstats: sectors as bytes, milliseconds as seconds, short lines skipped",
      parse: parseDiskDevices,
      lines: [
        " 253       0 vda 560707 100 30072 900 3510358 50 117816 700 0 442336 1000 0 0 0 0",
        "   8       1 sda1 10 0 100 0 5 0 50 0 0 0 0",
        "   7       0 loop0 1 2",
      ],
      expected: {
        vda: {
          readsCompleted: 560707,
          readBytes: 30072 * 512,
          writesCompleted: 3510358,
          writtenBytes: 117816 * 512,
          ioSeconds: 442.336,
        },
        sda1: expect.anything(),
      },
    },
  ])("$file", ({ parse, lines, expected }) => {
    const devices = parse(lines.join("\n"));
    expect([...devices.keys()]).toEqual(Object.keys(expected));
    expect(Object.fromEntries(devices)).toEqual(expected);
  });

  test("/proc/meminfo: kB as bytes, counts as counts, parentheses as node_exporter names them", () => {
    expect(
      parseMeminfoFields("MemTotal:  1000 kB\nActive(anon):  20 kB\nHugePages_Total:  4\nbad line\n"),
    ).toEqual([
      { name: "MemTotal", value: 1_024_000 },
      { name: "Active_anon", value: 20_480 },
      { name: "HugePages_Total", value: 4 },
    ]);
  });

  test("/proc/stat's totals beside the CPU lines", () => {
    const stat = [
      "cpu  1 2 3 4 5 6 7 8 0 0",
      "cpu0 1 2 3 4 5 6 7 8 0 0",
      "intr 32110944 0 9 0",
      "ctxt 83923364",
      "btime 1796530735",
      "processes 473399",
      "procs_running 3",
      "procs_blocked 1",
    ].join("\n");
    expect(parseStatCounters(stat)).toEqual({
      bootTime: 1796530735,
      contextSwitches: 83923364,
      forks: 473399,
      interrupts: 32110944,
      procsRunning: 3,
      procsBlocked: 1,
    });
  });
});
