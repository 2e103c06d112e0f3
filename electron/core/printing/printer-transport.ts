// How a job's bytes reach its printer, and how the printer is asked whether it can take them.
import type { PrintJob } from '../../../shared/contract/printing';
import { connectionFor } from './connections';
import { parsePrinterUri } from './connections/printer-uri';
import { driverFor } from './drivers';
import type { PrinterProblem } from './drivers/driver';

const STATUS_TIMEOUT_MS = 600;

export async function probePrinter(job: PrintJob, virtualPort: number | null): Promise<PrinterProblem | null> {
  const driver = driverFor(job.language);
  if (!driver.statusQuery || !driver.parseStatus) return null;
  const connection = connectionFor(parsePrinterUri(job.printerUri).target, virtualPort);
  if (!connection.query) return null;
  const parse = driver.parseStatus;
  const reply = await connection.query(driver.statusQuery, (bytes) => parse(bytes) !== undefined, STATUS_TIMEOUT_MS);
  return reply ? (parse(reply) ?? null) : null;
}

export async function sendToPrinter(job: PrintJob, bytes: Buffer, virtualPort: number | null): Promise<void> {
  const connection = connectionFor(parsePrinterUri(job.printerUri).target, virtualPort);
  await connection.send(bytes, { document: job.language === 'pdf' });
}
