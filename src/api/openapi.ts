import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';

/**
 * Requests are validated and responses serialised by the same zod schemas that make the
 * OpenAPI 3 document (fastify-type-provider-zod): `/api/openapi.json`, browsable at
 * `/api/docs`. Both are public (no secret in them); every other /api route needs a session
 * or a token.
 */
export function addOpenApi(app: FastifyInstance, version: string): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Relance API',
        description:
          'Cash collection: customers, accounts, timelines, promises, disputes, holds, tasks, runs, outbox. ' +
          'Sign in with POST /api/session (cookie + CSRF token for changes) or send `Authorization: Bearer <API token>`. ' +
          'Errors: `{ "error": { "code", "message", "issues" } }` (docs/api.md).',
        version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'relance_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  void app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.after(() => {
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });
}
