import type { usersCalls } from '../../../shared/contract/users';
import type { HandlersFor } from '../contract/dispatch';
import type { StationServices } from '../station/services';
import { Conflict } from '../errors/domain-errors';

/** Every change to who may sign in is audited with the supervisor who made it; PINs never reach the log. */
export function usersHandlers(
  svc: Pick<StationServices, 'audit' | 'bus' | 'db' | 'users'>,
): HandlersFor<typeof usersCalls> {
  const changed = (id: number) => svc.bus.emit('users.changed', { id });
  return {
    'users.list': () => svc.users.list(),
    'users.create': async ({ name, role, pin }, ctx) => {
      const user = await svc.users.create(name, role, pin, ({ id }) =>
        svc.audit({ action: 'users.create', userId: ctx.user?.id ?? null, details: { id, name, role } }),
      );
      const created = svc.users.get(user.id);
      changed(created.id);
      return created;
    },
    'users.update': ({ id, ...change }, ctx) => {
      if (change.active === false && ctx.user?.id === id) {
        throw new Conflict('You cannot deactivate yourself while signed in.');
      }
      const updated = svc.db.transaction(() => {
        const before = svc.users.get(id);
        const after = svc.users.update(id, change);
        const diff = Object.fromEntries(
          (['name', 'role', 'active'] as const)
            .filter((key) => before[key] !== after[key])
            .map((key) => [key, { from: before[key], to: after[key] }]),
        );
        svc.audit({ action: 'users.update', userId: ctx.user?.id ?? null, details: { id, ...diff } });
        return after;
      })();
      changed(id);
      return updated;
    },
    'users.setPin': async ({ id, pin }, ctx) => {
      const user = await svc.users.setPin(id, pin, () =>
        svc.audit({ action: 'users.setPin', userId: ctx.user?.id ?? null, details: { id } }),
      );
      // users.changed also brings a new station status: the last demo PIN replaced lifts the supervisor's step.
      changed(id);
      return user;
    },
  };
}
