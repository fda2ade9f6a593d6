import { adapterContract, type ContractHarness } from '../contract/adapter-contract';
import { startRig } from './harness';

/** The real discord.js client against the fake Discord, driven as members would use it. */
adapterContract('discord', async () => {
  const rig = await startRig();
  const harness: ContractHarness = {
    adapter: rig.adapter,
    channelId: rig.channelKey,
    unknownChannelId: `discord:${rig.fake.guild.id}/1399999999999999999`,
    start: (handlers) => rig.start(handlers),
    command: async (user, command, args) => rig.seen(await rig.run(user, command, args)),
    click: (user, seen, label) => rig.click(user, seen, label),
    submitForm: (user, command, answers) => rig.submitForm(user, command, answers),
    channelMessages: async () => rig.fake.channelMessages().map((m) => rig.see([m])),
    stop: () => rig.stop(),
  };
  return harness;
});
