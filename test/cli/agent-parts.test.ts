/** The agent's parts that need no hub: its buffer, the hub address rules, the version check. */
import { describe, expect, test } from "bun:test";
import { agentSocketUrl } from "../../src/cli/agent/hub-link.ts";
import { SampleBuffer } from "../../src/cli/agent/sample-buffer.ts";
import { protocolMismatch, type WireSample } from "../../src/modules/hosts/protocol.ts";

const at = (t: number) => ({ at: t }) as WireSample;
const times = (batch: { samples: WireSample[] } | null) => batch?.samples.map((s) => s.at) ?? [];

describe("the agent's sample buffer", () => {
  test("drops the oldest beyond its capacity and counts them", () => {
    const buffer = new SampleBuffer(3);
    expect([1, 2, 3].map((t) => buffer.push(at(t)))).toEqual([0, 0, 0]);
    expect(buffer.push(at(4))).toBe(1);
    expect(buffer.dropped).toBe(1);
    expect(times(buffer.next(10))).toEqual([2, 3, 4]);
  });

  test("sends in batches, frees what an ack covers, and resends the rest after a reconnect", () => {
    const buffer = new SampleBuffer(100);
    for (let t = 1; t <= 5; t++) buffer.push(at(t));
    const first = buffer.next(2);
    const second = buffer.next(2);
    expect([first?.seq, times(first)]).toEqual([0, [1, 2]]);
    expect([second?.seq, times(second)]).toEqual([1, [3, 4]]);
    expect(buffer.inFlight).toBe(2);
    buffer.ack(0);
    expect(buffer.size).toBe(3);
    expect(buffer.inFlight).toBe(1);
    // The connection drops before batch 1 is acknowledged: it goes out again, numbered from 0.
    buffer.restart();
    const again = buffer.next(10);
    expect([again?.seq, times(again)]).toEqual([0, [3, 4, 5]]);
    expect(buffer.next(10)).toBeNull();
    buffer.ack(0);
    expect(buffer.size).toBe(0);
    buffer.ack(7);
    expect(buffer.size).toBe(0);
  });
});

describe("the hub address", () => {
  test("https and wss are taken anywhere; plain text only to loopback", () => {
    expect(agentSocketUrl("https://hub.example:8443").href).toBe(
      "wss://hub.example:8443/api/v1/agents/connect",
    );
    expect(agentSocketUrl("wss://hub.example").href).toBe("wss://hub.example/api/v1/agents/connect");
    expect(agentSocketUrl("http://127.0.0.1:8000/ignored/path").href).toBe(
      "ws://127.0.0.1:8000/api/v1/agents/connect",
    );
    expect(agentSocketUrl("http://[::1]:8000").href).toBe("ws://[::1]:8000/api/v1/agents/connect");
    expect(() => agentSocketUrl("http://10.0.0.5:8000")).toThrow("is not encrypted");
    expect(() => agentSocketUrl("ftp://hub.example")).toThrow("must use https://");
    expect(() => agentSocketUrl("hub.example")).toThrow("must be an address");
  });
});

describe("protocol versions", () => {
  test("each side says which one to upgrade, and accepts what it serves", () => {
    expect(protocolMismatch(1, 1, 1, "agent")).toBeNull();
    expect(protocolMismatch(3, 1, 2, "agent")).toContain("upgrade the hub");
    expect(protocolMismatch(1, 2, 3, "agent")).toContain("upgrade the agent");
    expect(protocolMismatch(2, 1, 1, "hub")).toContain("upgrade the agent");
    expect(protocolMismatch(1, 2, 2, "hub")).toContain("upgrade the hub");
  });
});
