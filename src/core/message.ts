/** A platform-neutral reply or post; adapters render it as Block Kit, embeds or text. */
export interface Message {
  /** `private` is seen only by the invoking member (ephemeral); `channel` by the whole group. */
  visibility: 'private' | 'channel';
  title?: string;
  blocks: Block[];
  buttons?: Button[];
  image?: Image;
  /** Errors per form field, when this message answers a form submission that was not accepted. */
  formErrors?: Record<string, string>;
}

/**
 * A form the member fills in (a Slack modal, Discord select menus or modal). Submitting runs `submit`
 * with one `name=value` token per field appended (checkbox values joined by commas), so a submission is
 * validated by the same command code as typed input.
 */
export interface Form {
  title: string;
  submitLabel: string;
  fields: FormField[];
  submit: Action;
}

export type FormField =
  | { type: 'select'; name: string; label: string; options: Choice[]; initial?: string; required?: boolean }
  | { type: 'checkboxes'; name: string; label: string; options: Choice[]; initial?: string[] };

export interface Choice {
  label: string;
  value: string;
  description?: string;
}

/** The tokens a form submission appends to `form.submit.args`. */
export function formTokens(form: Form, answers: Record<string, string | string[] | undefined>): string[] {
  return form.fields.map((f) => {
    const v = answers[f.name];
    return `${f.name}=${Array.isArray(v) ? v.join(',') : (v ?? '')}`;
  });
}

/** Text is Markdown: **bold**, _italic_, `code`, [label](url), and `- ` lists. */
export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Field[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

export interface Field {
  label: string;
  value: string;
}

/** A button runs a command on the clicker's behalf, with arguments fixed by the post. */
export interface Button {
  label: string;
  action: Action;
  style?: 'primary' | 'danger';
}

/** A structured command invocation carried by a button or menu. */
export interface Action {
  command: string;
  args: string[];
}

export interface Image {
  png: Uint8Array;
  alt: string;
  filename: string;
}

/** Small builders, so commands read as what they say. */
export const text = (t: string): Block => ({ type: 'text', text: t });
export const context = (t: string): Block => ({ type: 'context', text: t });
export const fields = (...f: Field[]): Block => ({ type: 'fields', fields: f });
export const divider: Block = { type: 'divider' };

export function reply(blocks: Block[], extra: Partial<Message> = {}): Message {
  return { visibility: 'private', blocks, ...extra };
}

/** The plain-text rendering every adapter can fall back to (notifications, console, logs). */
export function plainText(message: Message): string {
  const lines: string[] = [];
  if (message.title) lines.push(message.title);
  for (const b of message.blocks) {
    if (b.type === 'text' || b.type === 'context') lines.push(b.text);
    else if (b.type === 'fields') lines.push(b.fields.map((f) => `${f.label}: ${f.value}`).join(' | '));
  }
  return lines.join('\n');
}
