import { describe, expect, test } from "bun:test";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { DEFAULT_RULES } from "../../src/lib/rule-definition.ts";

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig({ cwd: "/tmp", env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
  }
  throw new Error("expected a ConfigError");
}

describe("alerts configuration", () => {
  test("rules in alerts.rules get the rule schema's defaults; the shipped defaults are on by default", () => {
    const rule = {
      id: "ssh-down",
      name: "SSH down",
      condition: { type: "process_absent" as const, name: "sshd" },
    };
    const { alerts } = loadConfig({
      cwd: "/tmp",
      env: { WARDEN_ALERTS_RULES: JSON.stringify([rule]) },
    }).config;
    expect(alerts.defaults).toBe(true);
    expect(alerts.rules).toEqual([
      {
        ...rule,
        enabled: true,
        forSeconds: 0,
        severity: "medium",
        renotifySeconds: 0,
        autoClose: true,
        techniques: [],
        hosts: "local",
      },
    ]);
    expect(DEFAULT_RULES.map((r) => r.id)).toEqual([
      "default-cpu",
      "default-memory",
      "default-disk",
      "default-new-port",
    ]);
  });

  test("a bad rule is refused naming the field; ids are unique and default- is reserved", () => {
    const rules = [
      {
        id: "default-cpu",
        name: "X",
        condition: { type: "metric", series: "cpu", operator: ">", threshold: 120 },
      },
      { id: "Bad Id", name: "Y", condition: { type: "process_absent", name: "x" } },
      { id: "twice", name: "A", condition: { type: "new_listening_port" } },
      { id: "twice", name: "B", condition: { type: "new_listening_port" }, forSeconds: -1 },
    ];
    const problems = problemsOf({ WARDEN_ALERTS_RULES: JSON.stringify(rules) });
    expect(problems.map((p) => p.path).sort()).toEqual([
      "alerts.rules.0.condition.threshold",
      "alerts.rules.0.id",
      "alerts.rules.1.id",
      "alerts.rules.3.forSeconds",
      "alerts.rules.3.id",
    ]);
  });
});
