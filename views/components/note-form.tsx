/** @jsxImportSource hono/jsx */
import { TextAreaField } from "./form-field.tsx";
import { SubmitButton } from "./submit-button.tsx";

/** Props of a note form. */
export interface NoteFormProps {
  /** Where it posts (`/incidents/:id/comments`). */
  action: string;
  label: string;
  /** What was typed (kept after a refused post) and what was wrong with it. */
  note: { value: string; error?: string };
  help: string;
  submit: string;
  testid: string;
}

/** The box under a timeline for a comment or a note (markdown, up to 10,000 characters). */
export function NoteForm({ action, label, note, help, submit, testid }: NoteFormProps) {
  return (
    <form method="post" action={action} class="form comment-form">
      <TextAreaField
        name="body"
        label={label}
        value={note.value}
        error={note.error}
        rows={3}
        maxlength={10_000}
        help={help}
      />
      <div class="form-actions">
        <SubmitButton variant="secondary" testid={testid}>
          {submit}
        </SubmitButton>
      </div>
    </form>
  );
}
