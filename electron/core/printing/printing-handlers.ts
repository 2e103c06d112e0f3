import type { printingCalls } from '../../../shared/contract/printing';
import type { HandlersFor } from '../contract/dispatch';
import { NotFound } from '../errors/domain-errors';
import type { StationServices } from '../station/services';

export function printingHandlers(
  svc: Pick<StationServices, 'audit' | 'db' | 'now' | 'printing'>,
): HandlersFor<typeof printingCalls> {
  const printing = svc.printing;
  return {
    'printing.status': () => printing.status(),
    'printing.candidates': () => printing.candidates(),
    'printing.jobs': (input) => printing.jobs.list(input),
    'printing.printable': ({ limit }) => printing.printable(limit),
    'printing.preview': ({ orderId }) => printing.preview(orderId),
    'printing.print': ({ orderId, weightGrams }, ctx) => printing.print(orderId, ctx.user, weightGrams),
    'printing.reprint': ({ orderId, reason }, ctx) => printing.reprint(orderId, reason, ctx.user),
    'printing.void': ({ jobId, reason }, ctx) => printing.void(jobId, reason, ctx.user),
    'printing.cancel': ({ jobId }, ctx) => printing.cancel(jobId, ctx.user),
    'printing.test': ({ printer }, ctx) => printing.test(printer, ctx.user),
    'printing.ranges': () => printing.tracking.ranges(),
    'printing.addRange': (input, ctx) =>
      svc.db.transaction(() => {
        const range = printing.tracking.addRange(input, svc.now());
        svc.audit({
          action: 'printing.addRange',
          userId: ctx.user?.id ?? null,
          details: { rangeId: range.id, carrier: range.carrier, first: range.first, last: range.last },
        });
        return range;
      })(),
    'printing.disableRange': ({ id }, ctx) =>
      svc.db.transaction(() => {
        if (!printing.tracking.range(id)) throw new NotFound(`There is no number range ${id}.`);
        printing.tracking.disable(id);
        svc.audit({ action: 'printing.disableRange', userId: ctx.user?.id ?? null, details: { rangeId: id } });
        return printing.tracking.range(id)!;
      })(),
    'printing.batch.start': ({ orderIds }, ctx) => printing.startBatch(orderIds, ctx.user),
    'printing.batch.status': ({ batchId }) => printing.batch(batchId),
    'printing.batch.pause': ({ batchId }, ctx) => printing.setBatch(batchId, 'pause', ctx.user),
    'printing.batch.resume': ({ batchId }, ctx) => printing.setBatch(batchId, 'resume', ctx.user),
    'printing.batch.cancel': ({ batchId }, ctx) => printing.setBatch(batchId, 'cancel', ctx.user),
    'printing.virtual.prints': ({ limit }) => printing.virtualPrints.list(limit),
    'printing.virtual.image': ({ id, page }) => {
      const image = printing.virtualPrints.image(id, page);
      if (!image) throw new NotFound(`The virtual printer has no print ${id}.`);
      return image;
    },
    'printing.virtual.power': ({ on }) => printing.setVirtualPower(on),
    'printing.virtual.paper': ({ paperOut }) => printing.setVirtualPaper(paperOut),
  };
}
