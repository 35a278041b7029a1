import type { Status } from './status.ts';

/**
 * Which status may follow which. A request is `received` when filed. Staff take it `in_progress`,
 * may ask the citizen for more (`needs_info`), hand it to the competent institution (`transferred`,
 * as Ecuador's COA art. 159 and Colombia's Ley 1755 art. 21 require when it is not theirs), answer
 * it (`answered`, the note being the response) and close it. An answered request can be reopened
 * when the citizen's follow-up shows the answer was incomplete. `closed` is final. The citizen may
 * withdraw an open request, and the system withdraws one whose request for information went
 * unanswered where the law provides it (`withdrawn`, issue 17); staff may then archive it (`closed`).
 *
 * Part of the contract so that the back office offers only the moves the server accepts
 * (decision 058); api/domain/status-machine.ts applies it.
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  received: ['in_progress', 'needs_info', 'transferred', 'answered', 'closed', 'withdrawn'],
  in_progress: ['needs_info', 'transferred', 'answered', 'closed', 'withdrawn'],
  needs_info: ['in_progress', 'answered', 'closed', 'withdrawn'],
  transferred: ['closed'],
  answered: ['in_progress', 'closed'],
  closed: [],
  withdrawn: ['closed'],
};
