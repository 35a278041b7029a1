import { describe, expect, it } from 'vitest';
import { CitizenSchema, FilingSchema } from '#schema';
import { type Draft, emptyDraft, toFiling } from './draft.ts';
import {
  coversPath,
  firstStep,
  nextStep,
  PATHS_BEFORE_REVIEW,
  previousStep,
  STEP_PATHS,
  STEPS,
  type Step,
  stepOfPath,
} from './journey.ts';
import { TEST_CATALOG } from './test-catalog.ts';
import { validateFiling } from './validation.ts';

/** The steps that would stop the citizen with a problem, as Continue sees them. */
function stepsWithProblems(draft: Draft): Step[] {
  const problems = Object.keys(validateFiling(TEST_CATALOG, toFiling(draft, 'es'), 'es'));
  return STEPS.filter((step) => problems.some((path) => coversPath(STEP_PATHS[step], path)));
}

const identity = {
  documentType: 'cedula',
  documentNumber: '1714307103',
  firstName: 'Ana',
  lastName: 'Quispe',
  email: 'ana@example.org',
  responseChannel: 'email',
};
const FACTS = 'El inspector pidió dinero para no sancionar a la empresa.';

describe('the steps', () => {
  it('ask one thing at a time, the review last', () => {
    expect(STEPS).toEqual(['type', 'service', 'description', 'identity', 'review']);
  });

  it('ask for every field of the filing on exactly one step (the widget sets the language)', () => {
    const fields = [
      ...Object.keys(FilingSchema.pipe[0].entries),
      ...Object.keys(CitizenSchema.entries).map((key) => `citizen.${key}`),
    ].filter((field) => field !== 'locale');
    for (const field of fields) {
      expect(
        STEPS.filter((step) => STEP_PATHS[step].includes(field)),
        field,
      ).toHaveLength(1);
    }
  });

  it('put a problem on the step that asks for it', () => {
    expect(stepOfPath('type')).toBe('type');
    expect(stepOfPath('service')).toBe('service');
    expect(stepOfPath('subject')).toBe('description');
    expect(stepOfPath('anonymous')).toBe('identity');
    expect(stepOfPath('citizen')).toBe('identity');
    expect(stepOfPath('citizen.documentNumber')).toBe('identity');
    expect(stepOfPath('citizen.preferentialAttention.2')).toBe('identity');
    expect(stepOfPath('consent')).toBe('review');
  });

  it('put what no step asks for on the review', () => {
    expect(stepOfPath('locale')).toBe('review');
    expect(stepOfPath('Idempotency-Key')).toBe('review');
    expect(stepOfPath('typeOfThing')).toBe('review');
  });

  it('count what is inside a path as the path: citizen covers citizen.email, not citizenship', () => {
    expect(coversPath(['citizen'], 'citizen.email')).toBe(true);
    expect(coversPath(['citizen'], 'citizenship')).toBe(false);
    expect(coversPath(['type', 'service'], 'service')).toBe(true);
  });

  it('before the review are every step’s paths but the review’s', () => {
    expect(PATHS_BEFORE_REVIEW).toEqual(STEPS.slice(0, -1).flatMap((step) => STEP_PATHS[step]));
    expect(PATHS_BEFORE_REVIEW).not.toContain('consent');
  });
});

describe('the journey', () => {
  it('starts after what the page preselects', () => {
    expect(firstStep({})).toBe('type');
    expect(firstStep({ type: 'QUE' })).toBe('service');
    expect(firstStep({ type: 'QUE', service: 'contratos' })).toBe('description');
    // A service without its type cannot skip the question of the type.
    expect(firstStep({ service: 'contratos' })).toBe('type');
  });

  it('goes forward one step at a time, and back', () => {
    const first = { reviewed: false, complete: false };
    expect(nextStep('type', first)).toBe('service');
    expect(nextStep('service', first)).toBe('description');
    expect(nextStep('description', first)).toBe('identity');
    expect(nextStep('identity', first)).toBe('review');
    expect(nextStep('review', first)).toBe('review');
    expect(previousStep('review')).toBe('identity');
    expect(previousStep('service')).toBe('type');
    expect(previousStep('type')).toBeNull();
  });

  it('after a "Change" from the review, goes straight back to it once nothing is missing', () => {
    expect(nextStep('type', { reviewed: true, complete: true })).toBe('review');
    expect(nextStep('description', { reviewed: true, complete: true })).toBe('review');
    // A change that leaves a later step unanswered (another type, say) walks on through it.
    expect(nextStep('type', { reviewed: true, complete: false })).toBe('service');
    expect(nextStep('type', { reviewed: false, complete: true })).toBe('service');
  });

  it('has nothing to ask on the preselected steps', () => {
    const draft = emptyDraft({ type: 'QUE', service: 'contratos' });
    expect(stepsWithProblems(draft)).toEqual(['description', 'identity', 'review']);
  });

  it('asks a type that must be filed with identity for all of it, on the identity step', () => {
    const draft = { ...emptyDraft({ type: 'QUE', service: 'contratos' }), description: FACTS, consent: true };
    expect(stepsWithProblems(draft)).toEqual(['identity']);
    expect(stepsWithProblems({ ...draft, ...identity })).toEqual([]);
    // Anonymous is refused for it, on the identity step where the choice is made.
    expect(stepsWithProblems({ ...draft, anonymous: true })).toEqual(['identity']);
  });

  it('asks an anonymous report for no identity, and for its facts on the description step', () => {
    const draft = {
      ...emptyDraft({ type: 'DEN', service: 'inspecciones' }),
      anonymous: true,
      description: 'Corrupción.',
      consent: true,
    };
    expect(stepsWithProblems(draft)).toEqual(['description']);
    expect(stepsWithProblems({ ...draft, description: FACTS })).toEqual([]);
    // The same type filed with identity asks for it like any other.
    expect(stepsWithProblems({ ...draft, description: FACTS, anonymous: false })).toEqual(['identity']);
  });

  it('asks for a service that takes the type chosen', () => {
    const draft = { ...emptyDraft({ type: 'DEN', service: 'contratos' }), ...identity, description: FACTS };
    expect(stepsWithProblems({ ...draft, consent: true })).toEqual(['service']);
  });
});
