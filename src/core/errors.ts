/** Bad input, not allowed, or not set up: shown to the user as written, privately. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
