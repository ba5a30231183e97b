// The fleet's `--format` values alone, so registering the command loads no renderer.

export type FleetFormat = 'jsonl' | 'csv';
export const fleetFormats: readonly FleetFormat[] = ['jsonl', 'csv'];

export function isFleetFormat(value: string): value is FleetFormat {
  return value === 'jsonl' || value === 'csv';
}
