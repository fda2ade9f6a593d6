import type { Command } from '../command';
import { assess } from './assess';
import { daily } from './daily';
import { help } from './help';
import { leaderboard } from './leaderboard';
import { plan } from './plan';
import { progress } from './progress';
import { studygroup } from './studygroup';

/** Every command, in /help order. Slack's manifest and Discord's definitions are generated from this list. */
export const commands: readonly Command[] = [daily, plan, assess, leaderboard, progress, studygroup, help];
