// What every demo service shares, kept apart from the index so that the level files can import it
// without an import cycle.

// The rules and amounts of the demo catalogue are plausible, written by the project for
// demonstrations and tests: they are not any collectivity's official deliberation, and the source
// says so wherever a service is shown.
export const DEMO_SOURCE = Object.freeze({ name: 'kms-bzh (catalogue de démonstration)' });
