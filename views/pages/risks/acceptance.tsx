/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { AcceptanceView, RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { FactList } from "../../components/fact-list.tsx";
import { emptyForm, type FormState } from "../../components/form-field.tsx";
import { FormFields } from "../../components/form-fields.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";

/** The acceptance request form as typed: the reason and the end date (`YYYY-MM-DD`). */
export type AcceptanceFormValues = { reason: string; expiresAt: string };

/** Who may do what in the acceptance panel. */
export interface AcceptanceRights {
  /** May ask (edits risks). */
  canRequest: boolean;
  /** May approve and reject (managers and admins). */
  canDecide: boolean;
  /** The viewer's user id: the requester may only withdraw. */
  viewerId: string | null;
}

function AcceptanceFacts({ view, a }: { view: ViewContext; a: AcceptanceView }) {
  const { t, fmt } = view;
  const byAt = (who: AcceptanceView["requestedBy"], at: number) =>
    `${who?.name ?? t("risks.system")} · ${fmt.dateTime(at)}`;
  return (
    <FactList
      facts={[
        { label: t("risks.acceptance.reason"), value: a.reason },
        { label: t("risks.acceptance.expiresAt"), value: fmt.dateTime(a.expiresAt) },
        { label: t("risks.acceptance.requested"), value: byAt(a.requestedBy, a.requestedAt) },
        a.decidedAt !== null
          ? { label: t("risks.acceptance.decided"), value: byAt(a.decidedBy, a.decidedAt) }
          : null,
        a.decisionNote ? { label: t("risks.acceptance.note"), value: a.decisionNote } : null,
      ]}
    />
  );
}

/**
 * The decision on a pending acceptance: one optional note, then approve and reject (a
 * manager or admin), or only withdraw (the requester).
 */
function Decide({ view, id, own }: { view: ViewContext; id: string; own: boolean }) {
  const { t } = view;
  const base = `/risks/${id}/acceptance`;
  return (
    <form method="post" action={`${base}/${own ? "reject" : "approve"}`} class="risk-decision">
      {own ? (
        <p class="field-help">{t("risks.acceptance.ownHelp")}</p>
      ) : (
        <FormFields
          form={emptyForm()}
          focus="none"
          items={[{ kind: "text", name: "note", label: t("risks.acceptance.noteLabel"), maxlength: 5000 }]}
        />
      )}
      <div class="risk-decision-actions">
        {own ? (
          <SubmitButton variant="secondary" small testid="acceptance-withdraw">
            {t("risks.acceptance.withdraw")}
          </SubmitButton>
        ) : (
          <>
            <SubmitButton small testid="acceptance-approve">
              {t("risks.acceptance.approve")}
            </SubmitButton>
            <button
              type="submit"
              class={buttonClass("secondary", true)}
              formaction={`${base}/reject`}
              data-testid="acceptance-reject"
            >
              {t("risks.acceptance.reject")}
            </button>
          </>
        )}
      </div>
    </form>
  );
}

/**
 * The acceptance panel of a risk: the acceptance in force (pending with approve and reject
 * for managers, or approved until its end), else the request form for those who may ask;
 * then the earlier acceptances.
 */
export function AcceptancePanel({
  view,
  risk,
  rights,
  form,
}: {
  view: ViewContext;
  risk: RiskView;
  rights: AcceptanceRights;
  /** The request form as typed after a 422. */
  form?: FormState<AcceptanceFormValues>;
}) {
  const { t } = view;
  const current = risk.acceptance;
  const own = current !== null && current.requestedBy?.id === rights.viewerId;
  const past = risk.acceptances.filter((a) => a !== current);
  return (
    <Panel title={t("risks.acceptance.title")} id="acceptance-title" testid="acceptance-panel">
      {current ? (
        <>
          <p>
            <span class={`status risk-acceptance-${current.status}`} data-testid="acceptance-status">
              {t(`risks.acceptance.status.${current.status}`)}
            </span>
          </p>
          <AcceptanceFacts view={view} a={current} />
          {current.status === "pending" ? (
            rights.canDecide || own ? (
              <Decide view={view} id={risk.id} own={own} />
            ) : (
              <p class="field-help">{t("risks.acceptance.waiting")}</p>
            )
          ) : null}
        </>
      ) : rights.canRequest && risk.status !== "closed" ? (
        <form
          method="post"
          action={`/risks/${risk.id}/acceptance`}
          class="form"
          data-testid="acceptance-form"
        >
          <p class="field-help">{t("risks.acceptance.help")}</p>
          <FormFields
            form={form ?? emptyForm()}
            items={[
              {
                kind: "textarea",
                name: "reason",
                label: t("risks.acceptance.reason"),
                rows: 3,
                maxlength: 5000,
              },
              {
                kind: "text",
                name: "expiresAt",
                type: "date",
                label: t("risks.acceptance.expiresAt"),
                help: t("risks.acceptance.expiresHelp"),
              },
            ]}
          />
          <SubmitButton variant="secondary" small testid="acceptance-request">
            {t("risks.acceptance.request")}
          </SubmitButton>
        </form>
      ) : (
        <p class="muted">{t("risks.acceptance.none")}</p>
      )}
      {past.length > 0 ? (
        <details class="risk-acceptance-history">
          <summary>{t("risks.acceptance.history", { count: past.length })}</summary>
          {past.map((a) => (
            <div class="risk-acceptance-past">
              <p>
                <span class="status">{t(`risks.acceptance.status.${a.status}`)}</span>
              </p>
              <AcceptanceFacts view={view} a={a} />
            </div>
          ))}
        </details>
      ) : null}
    </Panel>
  );
}
