import { LabelsPanel } from './LabelsPanel';
import { PrinterSettings } from './PrinterSettings';
import { TrackingRanges } from './TrackingRanges';
import { VirtualPrinterPanel } from './VirtualPrinterPanel';
import './printing.css';

/** Everything about labels and printers, shown inside Settings (the top-level screens stay Pack ... Settings). */
export function PrintingSection() {
  return (
    <div className="printing" data-testid="printing">
      <PrinterSettings />
      <LabelsPanel />
      <VirtualPrinterPanel />
      <TrackingRanges />
    </div>
  );
}
