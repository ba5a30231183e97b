// ANSI colours for the text report, switched off for pipes and when NO_COLOR is set (no-color.org).

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const identity = (text: string): string => text;

export const plainPalette: Palette = {
  red: identity,
  yellow: identity,
  green: identity,
  blue: identity,
  dim: identity,
  bold: identity,
};

export const ansiPalette: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  blue: wrap(34, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

/** Colour only for a terminal, and never when NO_COLOR is set to anything non-empty. */
export function shouldColor(
  isTty: boolean,
  environment: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColor = environment.NO_COLOR;
  return isTty && (noColor === undefined || noColor === '');
}
