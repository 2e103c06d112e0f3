import type { z } from 'zod';

/**
 * read: may be served to the read-only LAN view. write: changes station or marketplace state.
 * supervisor: the station's signed-in user must be a supervisor.
 */
export type Access = 'read' | 'write' | 'supervisor';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export const call = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => spec;

export type CallSpecs = Record<string, CallSpec>;
