import { z } from 'zod';

export const HoldReason = z.enum(['damaged', 'missing_stock', 'address_problem', 'other']);
export type HoldReason = z.infer<typeof HoldReason>;

const CommandName = z.enum(['PRINT', 'HOLD', 'UNDO', 'NEXT', 'CANCEL']);
export type CommandName = z.infer<typeof CommandName>;

export type Command = { name: Exclude<CommandName, 'HOLD'> } | { name: 'HOLD'; reason: HoldReason | null };

/**
 * Command barcodes use letters, digits and '-' only: keyboard-wedge scanners type them the same on any keyboard
 * layout, and the prefix keeps them from ever colliding with a product's code.
 */
export const COMMAND_PREFIX = 'PBCMD-';

const HOLD_SUFFIX: Record<HoldReason, string> = {
  damaged: 'DAMAGED',
  missing_stock: 'MISSING',
  address_problem: 'ADDRESS',
  other: 'OTHER',
};

export interface CommandBarcode {
  code: string;
  command: Command;
}

/** Everything on the printable command sheet, in the order it is printed. */
export const COMMAND_BARCODES: readonly CommandBarcode[] = [
  ...(['UNDO', 'PRINT', 'NEXT', 'CANCEL'] as const).map((name) => ({
    code: `${COMMAND_PREFIX}${name}`,
    command: { name },
  })),
  { code: `${COMMAND_PREFIX}HOLD`, command: { name: 'HOLD', reason: null } },
  ...HoldReason.options.map((reason) => ({
    code: `${COMMAND_PREFIX}HOLD-${HOLD_SUFFIX[reason]}`,
    command: { name: 'HOLD' as const, reason },
  })),
];

const BY_CODE = new Map(COMMAND_BARCODES.map((entry) => [entry.code, entry.command]));

/** The command a scanned text stands for, or null when it is not a command barcode. */
export function parseCommand(text: string): Command | null {
  return BY_CODE.get(text.trim().toUpperCase()) ?? null;
}
