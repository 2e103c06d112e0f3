import { type SessionUser } from '../../../shared/contract';
import type { packCalls } from '../../../shared/contract/pack';
import { COMMAND_PREFIX } from '../../../shared/domain/scan/commands';
import type { CallContext, HandlersFor } from '../contract/dispatch';
import { PackBench, type PackDeps } from './pack-bench';
import { PackService } from './pack-service';
import { SupervisedActions } from './supervised';
import { Forbidden } from '../errors/domain-errors';

function packer(ctx: CallContext): SessionUser {
  if (!ctx.user) throw new Forbidden('Sign in before packing.');
  return ctx.user;
}

export function packHandlers(svc: PackDeps): HandlersFor<typeof packCalls> {
  const bench = new PackBench(svc);
  const pack = new PackService(bench);
  const supervised = new SupervisedActions(bench);
  return {
    'pack.config': () => ({ scanner: pack.scannerConfig() }),
    'pack.queue': (filter) => pack.queue(filter),
    'pack.current': () => pack.current(),
    'pack.knownCodes': () => ({ codes: bench.store.knownCodes() }),
    'pack.holds': () => pack.holds(),
    'pack.scan': ({ text, source }, ctx) => pack.scan(packer(ctx), text, source),
    'pack.open': ({ orderId }, ctx) => pack.open(packer(ctx), orderId, 'button'),
    'pack.quantity': ({ quantity }, ctx) =>
      pack.act(packer(ctx), { type: 'quantity', quantity }, 'button', String(quantity)),
    'pack.undo': (_input, ctx) => pack.act(packer(ctx), { type: 'undo' }, 'button', `${COMMAND_PREFIX}UNDO`),
    'pack.hold': ({ reason, note }, ctx) => pack.hold(packer(ctx), reason, note, 'button'),
    'pack.cancel': (_input, ctx) => pack.cancel(packer(ctx), 'button'),
    'pack.next': (_input, ctx) => pack.next(packer(ctx), 'button'),
    'pack.print': (_input, ctx) => pack.print(packer(ctx), 'button'),
    'pack.override': ({ pin, reason }, ctx) => supervised.override(packer(ctx), pin, reason),
    'pack.linkBarcode': ({ pin, code, lineKey }, ctx) => supervised.linkBarcode(packer(ctx), pin, code, lineKey),
    'pack.releaseHold': ({ pin, orderId, note }, ctx) => supervised.releaseHold(packer(ctx), pin, orderId, note),
    'pack.label': ({ orderId }) => {
      const id = orderId ?? pack.lastPackedOrder();
      return id ? svc.fulfillment.label(id) : null;
    },
    'pack.setTracking': ({ orderId, trackingNumber }, ctx) =>
      svc.fulfillment.setTracking(orderId, trackingNumber, packer(ctx)),
    'pack.carriers': ({ orderId }) => svc.fulfillment.carriers(orderId),
    'pack.printSlip': ({ orderId }, ctx) => svc.fulfillment.printSlip(orderId, packer(ctx)),
    'pack.setCarrier': ({ orderId, provider }, ctx) => svc.fulfillment.setCarrier(orderId, provider, packer(ctx)),
  };
}
