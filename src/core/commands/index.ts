import type { Command } from '../command';
import { daily } from './daily';
import { help } from './help';
import { plan } from './plan';
import { studygroup } from './studygroup';

/** Every command, in /help order. Slack's manifest and Discord's definitions are generated from this list. */
export const commands: readonly Command[] = [daily, plan, studygroup, help];
