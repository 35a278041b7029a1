import type { Status } from '../schema/status.ts';
import { TRANSITIONS } from '../schema/transitions.ts';

// The table itself is part of the contract (api/schema/transitions.ts): the back office reads it too.
export { TRANSITIONS };

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}
