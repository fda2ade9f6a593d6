import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';
import type { Logger } from 'pino';
import type { RequestGuard } from './verify';

export interface GuardedReceiverOptions extends HTTPReceiverOptions {
  guard: RequestGuard;
  log: Logger;
}

/**
 * Bolt's HTTP receiver with the replay and future-timestamp guard in front of its events endpoint. The
 * request body is read once; Bolt finds it already buffered and runs its own signature check on it.
 */
export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor(options: GuardedReceiverOptions) {
    const { guard, log, ...boltOptions } = options;
    super(boltOptions);
    const bolt = this.requestListener;
    const endpoints = [boltOptions.endpoints ?? '/slack/events'].flat();
    const bodyLimit = boltOptions.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;

    const screen = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
      let body: string;
      try {
        body = (await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit)).rawBody.toString();
      } catch (err) {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && err.statusCode === 413;
        HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
        return false;
      }
      // Slack's unsigned SSL check; Bolt answers it and ignores anything smuggled alongside.
      if (/(^|&)ssl_check=1(&|$)/.test(body)) return true;
      const header = (name: string) => {
        const v = req.headers[name];
        return typeof v === 'string' ? v : undefined;
      };
      const verdict = guard.check({
        body,
        signature: header('x-slack-signature'),
        timestamp: header('x-slack-request-timestamp'),
      });
      // A bad signature is Bolt's to refuse (and log); the guard only adds its two refusals.
      if (verdict.ok || verdict.reason === 'signature') return true;
      log.warn({ reason: verdict.reason, path: req.url }, 'refused a signed Slack request');
      HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      return false;
    };

    this.requestListener = (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || !endpoints.includes(path)) return bolt(req, res);
      screen(req, res).then(
        (pass) => {
          if (pass) bolt(req, res);
        },
        (err: unknown) => {
          log.error({ err }, 'Slack request screening failed');
          if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
        },
      );
    };
  }
}
