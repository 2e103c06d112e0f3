import type { DrillDown } from '../../../../shared/contract/dashboard';

/** A click on a number: what to list, and the heading that says what the number was. */
export interface DrillRequest {
  filter: DrillDown;
  title: string;
}

export type OnDrill = (request: DrillRequest) => void;
