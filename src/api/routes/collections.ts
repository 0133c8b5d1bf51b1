import type { FastifyInstance } from 'fastify';
import type { Database } from '../../store/database.ts';
import { customerWriteRoutes } from './collections-customers.ts';
import { disputeRoutes } from './collections-disputes.ts';
import { promiseRoutes } from './collections-promises.ts';
import { taskRoutes } from './collections-tasks.ts';

/**
 * The collections write API: promises, disputes, holds, exclusion, notes, a customer's
 * scenario and collector, the worklist and task outcomes. Each route checks the permission
 * and the portfolio (requireCustomer), calls the use-case and writes its audit entry in
 * the same transaction (docs/api.md).
 */
export function collectionRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    await app.register(promiseRoutes(database));
    await app.register(disputeRoutes(database));
    await app.register(customerWriteRoutes(database));
    await app.register(taskRoutes(database));
  };
}
