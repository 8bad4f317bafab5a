/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { RULE_FIELDS, RuleForm, type RuleFormValues } from "../../../views/pages/rules/form.tsx";
import { RuleCounts, RuleRows, RulesPage } from "../../../views/pages/rules/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, optional, parseForm, readForm } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import { formPage, submitForm } from "../../kit/record-form-routes.tsx";
import { listPage, listRows, noticeReader, recordPost } from "../../kit/record-pages.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import type { FieldErrors } from "../../lib/errors.ts";
import type { Translate } from "../../lib/i18n.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import type { HostScope, RuleCondition } from "../../lib/rule-definition.ts";
import { techniqueList } from "../../lib/technique-ids.ts";
import { fieldErrorMap } from "../../lib/validation.ts";
import type { RuleEngine } from "../../monitor/rule-engine.ts";
import { ruleDeps } from "./api.ts";
import { newRuleSchema, type RuleQuery, rulePatchSchema, ruleQuerySchema } from "./definition.ts";
import { createRule, deleteRule, getRuleForEdit, listRules, type RuleView, updateRule } from "./service.ts";

/** How often the open page refreshes the rules' states. */
const REFRESH_MS = 2000;

/** The checkboxes of the form: an unticked one is not posted at all. */
const CHECKBOXES = ["udp", "enabled", "autoClose"] as const;

/** The form's values as typed. */
function formValues(form: Record<string, string>): RuleFormValues {
  const values = Object.fromEntries(RULE_FIELDS.map((name) => [name, form[name] ?? ""])) as RuleFormValues;
  for (const name of CHECKBOXES) values[name] = form[name] === "on" ? "on" : "";
  values.version = form.version ?? "";
  return values;
}

/** A number field: blank is "not given" (the schema's default or its "enter a number"), text is NaN (refused). */
const numberOf = (value: string) => (value.trim() === "" ? undefined : Number(value));

/** The condition the form describes, by its type. */
function conditionOf(values: RuleFormValues): unknown {
  switch (values.type) {
    case "metric":
      return {
        type: "metric",
        series: values.series,
        mount: optional(values.mount),
        operator: values.operator,
        threshold: numberOf(values.threshold),
        clear: numberOf(values.clear),
      };
    case "process_absent":
      return { type: "process_absent", name: values.processName };
    case "new_listening_port":
      return {
        type: "new_listening_port",
        ignorePorts: values.ignorePorts
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)
          .map(Number),
        udp: values.udp === "on",
      };
    default:
      return { type: values.type };
  }
}

/** The host scope the form describes. */
function hostsOf(values: RuleFormValues): unknown {
  const target = values.hostTarget.trim();
  if (values.hostScope === "ids") return { ids: target.split(/[\s,]+/).filter(Boolean) };
  if (values.hostScope === "tag") return { tag: target };
  return values.hostScope || "local";
}

/** A rule's host scope as the form's two fields. */
function scopeValues(hosts: HostScope): Pick<RuleFormValues, "hostScope" | "hostTarget"> {
  if (typeof hosts === "string") return { hostScope: hosts, hostTarget: "" };
  return "ids" in hosts
    ? { hostScope: "ids", hostTarget: hosts.ids.join(" ") }
    : { hostScope: "tag", hostTarget: hosts.tag };
}

/** The typed values as service input. */
function toInput(values: RuleFormValues) {
  return {
    name: values.name,
    enabled: values.enabled === "on",
    condition: conditionOf(values),
    forSeconds: numberOf(values.forSeconds),
    severity: values.severity,
    renotifySeconds: numberOf(values.renotifySeconds),
    autoClose: values.autoClose === "on",
    techniques: techniqueList(values.techniques),
    hosts: hostsOf(values),
  };
}

/** The form's fields holding a condition's parts (`condition.name` is the process name field). */
const CONDITION_FIELDS: Record<string, keyof RuleFormValues> = { name: "processName", "": "type" };

/** Field errors for the form: `condition.threshold` belongs to the threshold field, `condition.ignorePorts.2` to the ports. */
function ruleFormErrors(error: unknown, t: Translate): FieldErrors {
  const errors = fieldErrorMap();
  for (const [path, message] of Object.entries(formErrors(error, t))) {
    const [head = path, part = ""] = path.split(".");
    const field = Object.hasOwn(CONDITION_FIELDS, part) ? (CONDITION_FIELDS[part] ?? part) : part;
    const scopeField = part ? "hostTarget" : "hostScope";
    errors[head === "condition" ? field : head === "hosts" ? scopeField : head] ??= message;
  }
  return errors;
}

/** A stored rule as the edit form shows it. */
function valuesOf(rule: RuleView & { version: number }): RuleFormValues {
  const c: RuleCondition = rule.condition;
  return {
    name: rule.name,
    type: c.type,
    series: c.type === "metric" ? c.series : "cpu",
    mount: c.type === "metric" ? (c.mount ?? "") : "",
    operator: c.type === "metric" ? c.operator : ">",
    threshold: c.type === "metric" ? String(c.threshold) : "",
    clear: c.type === "metric" && c.clear !== undefined ? String(c.clear) : "",
    processName: c.type === "process_absent" ? c.name : "",
    ignorePorts: c.type === "new_listening_port" ? c.ignorePorts.join(", ") : "",
    udp: c.type === "new_listening_port" && c.udp ? "on" : "",
    forSeconds: String(rule.forSeconds),
    severity: rule.severity,
    renotifySeconds: String(rule.renotifySeconds),
    enabled: rule.enabled ? "on" : "",
    autoClose: rule.autoClose ? "on" : "",
    techniques: rule.techniques.join(" "),
    ...scopeValues(rule.hosts),
    version: String(rule.version),
  };
}

/** What a new rule's form starts with. */
const NEW_VALUES: Partial<RuleFormValues> = {
  type: "metric",
  series: "cpu",
  operator: ">",
  threshold: "90",
  forSeconds: "60",
  severity: "medium",
  renotifySeconds: "0",
  hostScope: "local",
  enabled: "on",
  autoClose: "on",
};

function rulesHref(filters: RuleQuery): string {
  const query = new URLSearchParams();
  if (filters.state !== "all") query.set("state", filters.state);
  if (filters.origin !== "all") query.set("origin", filters.origin);
  const text = query.toString();
  return text ? `/soc/rules?${text}` : "/soc/rules";
}

/**
 * The alert rule pages (read: every role; write: managers and admins):
 * - GET  /soc/rules                          the rules with their live state (filters in the URL)
 * - GET  /soc/rules/rows                     its rows, for a live refresh (htmx)
 * - GET  /soc/rules/new, POST /soc/rules     create a rule
 * - GET  /soc/rules/:id/edit, POST …/edit    edit a stored rule against the version shown
 * - POST /soc/rules/:id/delete               delete a stored rule
 */
export function rulesPages(deps: AppDeps, engine: RuleEngine): Hono<AppEnv> {
  const svc = ruleDeps(deps, engine);
  const router = new Hono<AppEnv>();
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  const noticeOf = noticeReader("rules");

  router.get("/soc/rules", (c) => {
    const view = c.get("view");
    const actor = actorOf(c);
    return listPage(c, view.t("rules.title"), ruleQuerySchema, async (filters, errors) => (
      <RulesPage
        view={view}
        filters={filters}
        errors={errors}
        items={await listRules(svc, actor, filters)}
        canWrite={can(actor, "update", "rules")}
        notice={noticeOf(c)}
        refreshMs={REFRESH_MS}
      />
    ));
  });

  router.get("/soc/rules/rows", (c) =>
    listRows(c, ruleQuerySchema, rulesHref, async (filters) => {
      const view = c.get("view");
      const actor = actorOf(c);
      const items = await listRules(svc, actor, filters);
      return (
        <>
          <RuleRows view={view} items={items} canWrite={can(actor, "update", "rules")} />
          <RuleCounts view={view} items={items} oob />
        </>
      );
    }),
  );

  const showForm = (
    c: Context<AppEnv>,
    form: FormState<RuleFormValues>,
    target: { action: string; title: string },
    status?: ContentfulStatusCode,
    conflict?: string,
  ) => {
    const view = c.get("view");
    return formPage(
      c,
      { title: target.title, list: { href: "/soc/rules", label: view.t("rules.title") }, status },
      <RuleForm view={view} form={form} action={target.action} conflict={conflict} />,
    );
  };

  const newTarget = (c: Context<AppEnv>) => ({ action: "/soc/rules", title: c.get("view").t("rules.new") });

  router.get("/soc/rules/new", (c) => {
    assertCan(actorOf(c), "create", "rules");
    return showForm(c, emptyForm(NEW_VALUES), newTarget(c));
  });

  router.post("/soc/rules", mayPost("create", "rules"), async (c) => {
    const values = formValues(await readForm(c));
    return submitForm(c, {
      values,
      save: async () => {
        await createRule(svc, actorOf(c), await parseForm(newRuleSchema, toInput(values)), facts(c));
        return "/soc/rules?notice=created";
      },
      show: (form, status) => showForm(c, form, newTarget(c), status),
      errorsOf: ruleFormErrors,
    });
  });

  const editTarget = (c: Context<AppEnv>, rule: RuleView) => ({
    action: `/soc/rules/${rule.id}/edit`,
    title: c.get("view").t("rules.editTitle", { name: rule.name }),
  });

  router.get("/soc/rules/:id/edit", async (c) => {
    const rule = await getRuleForEdit(svc, actorOf(c), c.req.param("id"));
    return showForm(c, emptyForm(valuesOf(rule)), editTarget(c, rule));
  });

  router.post("/soc/rules/:id/edit", async (c) => {
    const rule = await getRuleForEdit(svc, actorOf(c), c.req.param("id"));
    const values = formValues(await readForm(c));
    return submitForm(c, {
      values,
      versioned: true,
      save: async () => {
        const patch = await parseForm(rulePatchSchema, {
          ...toInput(values),
          version: Number(values.version) || undefined,
        });
        await updateRule(svc, actorOf(c), rule.id, patch, facts(c));
        return "/soc/rules?notice=saved";
      },
      show: (form, status, conflict) => showForm(c, form, editTarget(c, rule), status, conflict),
      errorsOf: ruleFormErrors,
    });
  });

  router.post(
    "/soc/rules/:id/delete",
    recordPost(
      (c, id) => deleteRule(svc, actorOf(c), id, facts(c)),
      () => "/soc/rules?notice=deleted",
    ),
  );

  return router;
}
