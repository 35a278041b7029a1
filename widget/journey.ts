/** The form's steps, one question each (GOV.UK's "one thing per page"), then the review. */
export const STEPS = ['type', 'service', 'description', 'identity', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** Which filing paths each step asks for: Continue validates only these. */
export const STEP_PATHS: Record<Step, readonly string[]> = {
  type: ['type'],
  service: ['service'],
  description: ['subject', 'description', 'attachments'],
  identity: [
    'anonymous',
    'citizen',
    'citizen.documentType',
    'citizen.documentNumber',
    'citizen.firstName',
    'citizen.lastName',
    'responseChannel',
    'citizen.email',
    'citizen.phone',
    'citizen.preferentialAttention',
  ],
  review: ['consent', 'captcha'],
};

/** Every path the steps before the review ask for. */
export const PATHS_BEFORE_REVIEW: readonly string[] = STEPS.slice(0, STEPS.indexOf('review')).flatMap(
  (step) => STEP_PATHS[step],
);

/** `path` is one of `paths` or inside one of them (citizen.preferentialAttention.0 is in citizen). */
export function coversPath(paths: readonly string[], path: string): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** The step that asks for `path`; what no step asks for belongs to the review. */
export function stepOfPath(path: string): Step {
  return STEPS.find((step) => coversPath(STEP_PATHS[step], path)) ?? 'review';
}

/** Where a new draft starts: a page that preselects the type (and the service) skips those questions. */
export function firstStep(preset: { type?: string | undefined; service?: string | undefined }): Step {
  if (!preset.type) return 'type';
  return preset.service ? 'description' : 'service';
}

/**
 * The step after `step` once it is valid. After a "Change" from the review (`reviewed`), Continue
 * leads straight back to the review when nothing before it is missing any more.
 */
export function nextStep(step: Step, { reviewed, complete }: { reviewed: boolean; complete: boolean }): Step {
  if (reviewed && complete) return 'review';
  return STEPS[STEPS.indexOf(step) + 1] ?? 'review';
}

/** The step Back leads to; none before the first. */
export function previousStep(step: Step): Step | null {
  return STEPS[STEPS.indexOf(step) - 1] ?? null;
}
