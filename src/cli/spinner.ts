import type { Io } from './io.js';

/** A spinner on stderr, only on a terminal (never with TERM=dumb or in CI), shown once work takes longer than a moment. */
export async function startSpinner(io: Io, text: string): Promise<{ update(t: string): void; stop(): void } | undefined> {
  if (!io.stderr.isTTY || io.env.TERM === 'dumb' || io.env.CI) return undefined;
  const { default: ora } = await import('ora');
  let current = text;
  let spinner: ReturnType<typeof ora> | undefined;
  const timer = setTimeout(() => (spinner = ora({ text: current, stream: io.stderr as NodeJS.WritableStream }).start()), 400);
  return {
    update(t) {
      current = t;
      if (spinner) spinner.text = t;
    },
    stop() {
      clearTimeout(timer);
      spinner?.stop();
    },
  };
}

/** Colour only on a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR turns it on anywhere. */
export function colourOn(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '' && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false') return true;
  return !!io.stdout.isTTY && io.env.TERM !== 'dumb';
}
