export * from './clock.ts';
export * from './profiles.ts';
