import type { VirtualScale as VirtualScaleStatus } from '../../../shared/contract/scale';
import { reportFor, type ScaleState } from '../../../shared/domain/weight/hid-report';
import type { DeskUnit } from '../../../shared/domain/weight/units';

/** The heaviest a virtual scale shows: heavier puts it over capacity, like a 70 kg shipping scale. */
const CAPACITY_GRAMS = 70_000;

/**
 * A USB scale without the USB: it holds the weight a test or demo puts on it and sends the same report bytes a
 * HID POS scale sends, so the UI reads it through the parser it uses for a real scale.
 */
export class VirtualScale {
  private grams = 0;
  private state: ScaleState = 'zero';
  private unit: DeskUnit = 'g';
  private settling: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly send: (report: number[]) => void) {}

  status(): VirtualScaleStatus {
    return { grams: this.grams, state: this.state, unit: this.unit, report: this.report() };
  }

  /** Puts a weight on the pan: "in motion" for settleMs first when asked, then steady in the state it settles to. */
  set(grams: number, unit: DeskUnit, settleMs: number, state?: ScaleState): VirtualScaleStatus {
    this.stop();
    const settled: ScaleState = state ?? (grams === 0 ? 'zero' : grams > CAPACITY_GRAMS ? 'over_capacity' : 'stable');
    this.grams = grams;
    this.unit = unit;
    if (settleMs > 0 && settled !== 'in_motion') {
      this.show('in_motion');
      this.settling = setTimeout(() => {
        this.settling = null;
        this.show(settled);
      }, settleMs);
      this.settling.unref?.();
    } else {
      this.show(settled);
    }
    return this.status();
  }

  stop(): void {
    if (this.settling) clearTimeout(this.settling);
    this.settling = null;
  }

  private show(state: ScaleState): void {
    this.state = state;
    this.send(this.report());
  }

  private report(): number[] {
    return [...reportFor(Math.min(this.grams, 0xffff * 10), this.state, this.unit)];
  }
}
