import type { ViewContext } from "../../../src/lib/context.ts";
import type { TriageChoices } from "../../../src/modules/soc/triage-choices.ts";

/** What the actions panel of an alert's or a case's page is given: the viewer may act, so the incidents are there. */
export interface TriageActionsProps {
  view: ViewContext;
  people: TriageChoices["people"];
  incidents: NonNullable<TriageChoices["incidents"]>;
}
