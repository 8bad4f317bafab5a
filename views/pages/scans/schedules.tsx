/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ScheduleView } from "../../../src/modules/scans/schedules.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import type { FormState } from "../../components/form-field.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { PanelForm } from "../../components/panel-form.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { type ScanFieldValues, scanFields } from "./scan-fields.ts";
import { NetworkTabs } from "./tabs.tsx";

/** The schedule form as typed. */
export interface ScheduleFormValues extends ScanFieldValues {
  name: string;
  cron: string;
}

/** Props of the schedules page. */
export interface SchedulesPageProps {
  view: ViewContext;
  schedules: ScheduleView[];
  form: FormState<ScheduleFormValues>;
}

/** `/network/scans/schedules`: recurring scans with their next run, a form to add one. */
export function SchedulesPage({ view, schedules, form }: SchedulesPageProps) {
  const { t, fmt } = view;
  const enabled = schedules.filter((s) => s.enabled).length;
  return (
    <>
      <PageHead
        title={t("scans.schedules.title")}
        subClass="num"
        sub={t("scans.schedules.count", {
          enabled: fmt.number(enabled),
          total: fmt.number(schedules.length),
        })}
      >
        <NetworkTabs view={view} current="schedules" />
      </PageHead>
      <PanelForm
        action="/network/scans/schedules"
        testid="schedule-form"
        title={t("scans.schedules.new")}
        form={form}
        fields={[
          {
            kind: "text",
            name: "name",
            label: t("scans.schedules.field.name"),
            maxlength: 100,
            required: true,
          },
          {
            kind: "text",
            name: "cron",
            label: t("scans.schedules.field.cron"),
            help: t("scans.schedules.help.cron"),
            placeholder: "0 3 * * *",
            maxlength: 100,
            spellcheck: false,
            autocomplete: "off",
            required: true,
          },
          ...scanFields(view),
        ]}
        submit={t("scans.schedules.create")}
        submitTestid="schedule-submit"
      />
      <DataTable
        label={t("scans.schedules.title")}
        testid="schedules-table"
        rowCount={schedules.length}
        empty={<p>{t("scans.schedules.empty")}</p>}
        columns={[
          ...columnsOf(view, "scans.schedules.col", ["name", "cron"]),
          ...columnsOf(view, "scans.col", ["target", "ports"]),
          ...columnsOf(view, "scans.schedules.col", ["next", "last", "actions"]),
        ]}
      >
        {schedules.map((schedule) => (
          <tr data-testid={`schedule-${schedule.name}`}>
            <td>
              <span class="cell-title">{schedule.name}</span>
            </td>
            <td class="mono nowrap">{schedule.cron}</td>
            <td class="mono">{schedule.target}</td>
            <td>
              <span class="mono truncate" title={schedule.ports}>
                {schedule.ports}
              </span>
            </td>
            <td class="nowrap" data-testid="schedule-next">
              {schedule.enabled ? (
                <RelativeTime view={view} ms={schedule.nextRunAt} none={t("scans.schedules.never")} />
              ) : (
                <span class="badge">{t("scans.schedules.disabled")}</span>
              )}
            </td>
            <td class="nowrap">
              {schedule.lastScanId ? (
                <a href={`/network/scans/${schedule.lastScanId}`}>
                  <RelativeTime view={view} ms={schedule.lastRunAt} />
                </a>
              ) : (
                <span class="muted">{t("scans.schedules.notYet")}</span>
              )}
            </td>
            <td class="row-actions nowrap">
              <form
                method="post"
                action={`/network/scans/schedules/${schedule.id}/toggle`}
                class="inline-form"
              >
                <SubmitButton variant="secondary" small testid={`toggle-${schedule.name}`}>
                  {schedule.enabled ? t("scans.schedules.disable") : t("scans.schedules.enable")}
                </SubmitButton>
              </form>
              <ConfirmAction
                view={view}
                id={`delete-schedule-${schedule.id}`}
                action={`/network/scans/schedules/${schedule.id}/delete`}
                trigger={t("scans.schedules.delete")}
                title={t("scans.schedules.deleteDialog.title", { name: schedule.name })}
                body={t("scans.schedules.deleteDialog.body")}
                confirm={t("scans.schedules.delete")}
                testid={`delete-${schedule.name}`}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
