import { z } from 'zod';
import { call } from './define';
import { Role } from './station';

const Pin = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');
const Name = z.string().trim().min(1, 'a name is required').max(60);

export const UserEntry = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.number(),
});
export type UserEntry = z.infer<typeof UserEntry>;

/** Managing who may sign in at this station is a supervisor's job. */
export const usersCalls = {
  'users.list': call({ input: z.object({}), output: z.array(UserEntry), access: 'supervisor' }),
  'users.create': call({
    input: z.object({ name: Name, role: Role, pin: Pin }),
    output: UserEntry,
    access: 'supervisor',
  }),
  'users.update': call({
    input: z.object({
      id: z.number().int(),
      name: Name.optional(),
      role: Role.optional(),
      active: z.boolean().optional(),
    }),
    output: UserEntry,
    access: 'supervisor',
  }),
  'users.setPin': call({
    input: z.object({ id: z.number().int(), pin: Pin }),
    output: UserEntry,
    access: 'supervisor',
  }),
};

export const usersEvents = {
  'users.changed': z.object({ id: z.number().int() }),
};
