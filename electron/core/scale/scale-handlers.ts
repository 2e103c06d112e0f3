import type { scaleCalls } from '../../../shared/contract/scale';
import type { HandlersFor } from '../contract/dispatch';
import type { StationServices } from '../station/services';
import { Conflict } from '../errors/domain-errors';

/** The desk's scale: its live reading, weights recorded with parcels, and the virtual scale's control. */
export function scaleHandlers(svc: Pick<StationServices, 'scale'>): HandlersFor<typeof scaleCalls> {
  const { scale } = svc;
  return {
    'scale.status': () => ({
      reading: scale.reading(),
      deskUnit: scale.deskUnit(),
      virtual: scale.virtualRunning() ? scale.virtualScale.status() : null,
    }),
    'scale.reading': ({ grams, state, source }) => scale.heard({ grams, state, source }),
    'scale.record': ({ orderId }, ctx) => scale.record(orderId, ctx.user),
    'scale.weight': ({ orderId }) => scale.weights.get(orderId),
    'scale.virtual.set': ({ grams, unit, state, settleMs }) => {
      if (!scale.virtualRunning())
        throw new Conflict(
          'The virtual scale is off: it runs with the sandbox marketplace, or when scale.virtual is on in Settings.',
        );
      return scale.virtualScale.set(grams, unit, settleMs, state);
    },
  };
}
