import type { CarrierId } from './carriers';
import { formatById, type TrackingFormat } from './formats';

/** A shape a carrier uses, narrowed where the shape is shared (an S10 number is Royal Mail's only when it ends in GB). */
export interface CarrierFormat {
  format: TrackingFormat;
  only: { pattern: RegExp; shape: string } | null;
}

const use = (id: string, only: CarrierFormat['only'] = null): CarrierFormat => {
  const format = formatById(id);
  if (!format) throw new Error(`unknown tracking format ${id}`);
  return { format, only };
};

/**
 * Which shapes each carrier's numbers take. Where two carriers share a shape without a restriction (12 digits are
 * FedEx Express and a Parcelforce export), the carrier the marketplace names decides; only recognition.ts guesses
 * a carrier from the number alone, and only where the shape is unambiguous.
 */
export const CARRIER_RULES: Record<CarrierId, readonly CarrierFormat[]> = {
  USPS: [use('usps-impb'), use('upu-s10', { pattern: /US$/, shape: 'USPS international numbers end in US' })],
  UPS: [use('ups-1z')],
  FEDEX: [use('fedex-express-12'), use('fedex-ground-15'), use('fedex-ground-96')],
  DHL: [use('dhl-express-10'), use('dhl-express-11')],
  // DHL eCommerce Americas hands parcels to USPS for delivery under IMpb numbers (couriers/usps.json: 9261290...).
  DHL_ECOMMERCE: [use('usps-impb'), use('dhl-ecommerce')],
  // Royal Mail's tracked, signed-for and Special Delivery items carry S10 numbers ending GB, with domestic service
  // letters for UK-only products (couriers/s10.json "Domestic"); international items use the UPU service letters.
  ROYAL_MAIL: [use('upu-s10', { pattern: /GB$/, shape: 'Royal Mail numbers end in GB' })],
  PARCELFORCE: [
    use('parcelforce-9'),
    use('parcelforce-14'),
    use('upu-s10', { pattern: /GB$/, shape: 'Parcelforce export numbers end in GB' }),
    use('parcelforce-export-12'),
  ],
  EVRI: [use('evri-16')],
  DPD: [use('dpd-28'), use('dpd-14')],
  YODEL: [use('yodel-jd')],
  // SHIPPING-FACTS.md: S10 service letters C (parcels), R (registered), L (tracked letters); E is EMS.
  CHINA_POST: [
    use('upu-s10', { pattern: /^[CRL][A-Z].*CN$/, shape: 'China Post numbers start C, R or L and end in CN' }),
  ],
  EMS: [use('upu-s10', { pattern: /^E[A-Z].*CN$/, shape: 'EMS numbers start E and end in CN' })],
  UPU: [use('upu-s10')],
};
