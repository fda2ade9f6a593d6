/** Bad input, not allowed, or not set up: shown to the user as written, privately. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A form submission that was not accepted: one message per field, shown beside the field. */
export class FormError extends UserError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' '));
    this.name = 'FormError';
  }
}
