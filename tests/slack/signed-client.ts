// Sends requests to the bot the way Slack does: form-encoded, signed with the signing secret
// (v0=HMAC-SHA256 of "v0:<timestamp>:<body>"), with a response_url and trigger_id issued by the fake.
// Every request can be forged (wrong secret, bad timestamp, no signature) or replayed byte for byte.

import { createHmac } from 'node:crypto';
import type { FakeSlack } from './fake-slack';

export interface Signing {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Signs with this secret instead of the right one. */
  secret?: string;
  /** Sends no signature headers at all. */
  unsigned?: boolean;
}

/** A request exactly as sent, so a test can send it again. */
export interface SentRequest {
  body: string;
  headers: Record<string, string>;
}

export interface Answer {
  status: number;
  /** The acknowledgement's body: JSON when there is one, else null. */
  body: Record<string, unknown> | null;
  /** Milliseconds from sending to the acknowledgement. */
  ms: number;
  request: SentRequest;
}

export interface Member {
  team?: string;
  user: string;
  userName?: string;
}

/** The fields every interaction payload carries: who acted, in which workspace, for which app. */
function interactionBase(who: Member, team: string) {
  return {
    team: { id: team, domain: team.toLowerCase() },
    user: { id: who.user, username: who.userName ?? who.user.toLowerCase(), name: who.userName, team_id: team },
    api_app_id: 'A0BARRAISER',
    token: 'deprecated-verification-token',
  };
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class SignedClient {
  constructor(
    private readonly endpoint: string,
    private readonly secret: string,
    private readonly fake: FakeSlack,
  ) {}

  async send(body: string, signing: Signing = {}, contentType = 'application/x-www-form-urlencoded'): Promise<Answer> {
    const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (!signing.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = sign(signing.secret ?? this.secret, timestamp, body);
    }
    return this.resend({ body, headers });
  }

  /** Sends a request again, byte for byte (a replay). */
  async resend(request: SentRequest): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(this.endpoint, { method: 'POST', headers: request.headers, body: request.body });
    const text = await res.text();
    const ms = performance.now() - started;
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = { text };
    }
    return { status: res.status, body, ms, request };
  }

  /** A slash command as Slack sends it; the answer carries the response_url and trigger_id it used. */
  async command(
    who: Member,
    command: string,
    text: string,
    where: { channel?: string; channelName?: string } = {},
    signing: Signing = {},
  ) {
    const team = who.team ?? 'T0001';
    const channel = where.channel ?? 'C0001';
    const responseUrl = this.fake.responseUrl(team, channel, who.user);
    const triggerId = this.fake.trigger();
    const body = new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: team,
      team_domain: team.toLowerCase(),
      channel_id: channel,
      channel_name: where.channelName ?? this.fake.channels.get(channel)?.name ?? 'study',
      user_id: who.user,
      user_name: who.userName ?? who.user.toLowerCase(),
      command: `/${command}`,
      text,
      api_app_id: 'A0BARRAISER',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    }).toString();
    const answer = await this.send(body, signing);
    return { ...answer, responseUrl, triggerId };
  }

  /** A button click (block_actions) on a message in `channel`. */
  async click(
    who: Member,
    button: { action_id: string; value: string; text?: string },
    where: { channel?: string; messageTs?: string; ephemeral?: boolean } = {},
    signing: Signing = {},
  ) {
    const team = who.team ?? 'T0001';
    const channel = where.channel ?? 'C0001';
    const responseUrl = this.fake.responseUrl(team, channel, who.user);
    const triggerId = this.fake.trigger();
    const payload = {
      type: 'block_actions',
      ...interactionBase(who, team),
      container: {
        type: 'message',
        message_ts: where.messageTs ?? '1.000001',
        channel_id: channel,
        is_ephemeral: where.ephemeral ?? false,
      },
      trigger_id: triggerId,
      channel: { id: channel, name: this.fake.channels.get(channel)?.name ?? 'study' },
      response_url: responseUrl,
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: 'b1',
          text: { type: 'plain_text', text: button.text ?? 'button' },
          value: button.value,
          action_ts: String(Date.now() / 1000),
        },
      ],
    };
    const answer = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), signing);
    return { ...answer, responseUrl, triggerId };
  }

  /** An Events API callback (JSON), e.g. app_uninstalled. */
  async event(team: string, event: Record<string, unknown>, signing: Signing = {}) {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: team,
      api_app_id: 'A0BARRAISER',
      type: 'event_callback',
      event_id: `Ev${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.send(body, signing, 'application/json');
  }

  /** Submits a modal the fake holds, with these state values (block_id -> action_id -> selection). */
  async submit(who: Member, viewId: string, values: Record<string, Record<string, unknown>>, signing: Signing = {}) {
    const team = who.team ?? 'T0001';
    const stored = this.fake.views.get(viewId);
    if (!stored) throw new Error(`no view ${viewId}`);
    const payload = {
      type: 'view_submission',
      ...interactionBase(who, team),
      trigger_id: this.fake.trigger(),
      view: {
        ...stored.view,
        id: viewId,
        team_id: team,
        hash: `${viewId}.hash`,
        state: { values },
      },
      response_urls: [],
    };
    const answer = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), signing);
    return answer;
  }
}
