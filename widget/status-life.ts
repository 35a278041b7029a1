import type { StatusView } from '#schema';

/** A request linked by a transfer (CONTRACT.md §5): `ticket` is null off the platform. */
export type LinkedRequest = NonNullable<StatusView['transferredTo']>;

/** Statuses in which the citizen may still withdraw the request. */
export const WITHDRAWABLE: readonly string[] = ['received', 'in_progress', 'needs_info'];
/** Statuses in which the answer may be rated. */
export const RATEABLE: readonly string[] = ['answered', 'closed'];
