import { adapterContract, type ContractHarness } from '../contract/adapter-contract';
import { CHANNEL, seenOf, slackTest, stateFor, TEAM } from './harness';

/** Slack as a platform: signed requests in, Block Kit out, read back into what members see. */
adapterContract('slack', async () => {
  const t = await slackTest();
  const harness: ContractHarness = {
    adapter: t.adapter,
    channelId: `slack:${TEAM}/${CHANNEL}`,
    unknownChannelId: `slack:${TEAM}/C0999`,
    start: (handlers) => t.start(handlers),
    async command(user, command, args) {
      return (await t.run(user, command, args.join(' '))).seen;
    },
    async click(user, message, label) {
      return (await t.press(user, message, label)).seen;
    },
    async submitForm(user, command, answers) {
      await t.run(user, command);
      const view = t.fake.lastView();
      if (!view) throw new Error('no modal was opened');
      const answer = await t.client.submit(t.member(user), view.id, stateFor(view.view, answers));
      await t.adapter.whenIdle();
      const problems = t.fake.acceptViewAck(view.id, answer.body);
      if (problems.length) throw new Error(problems.join('; '));
      return { ...seenOf([{ blocks: view.view.blocks }]), visibility: 'private' };
    },
    async channelMessages() {
      const messages = t.fake.channels.get(CHANNEL)?.messages ?? [];
      return messages.map((m) => seenOf([{ blocks: m.blocks, text: m.text, response_type: 'in_channel' }]));
    },
    stop: () => t.stop(),
  };
  return harness;
});
