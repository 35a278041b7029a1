import { body, code, errors, ok, param, staff, staffErrors } from './openapi-people-shared.ts';

// The OpenAPI paths of an institution's units, the routing of its services and the assignment of a
// request (issue 19).

export function unitPaths() {
  return {
    '/api/v1/institutions/{code}/units': {
      get: {
        summary: 'The units (a tree by parentId)',
        security: staff,
        parameters: [code],
        responses: { 200: ok('`{items: [{id, parentId, name}]}`'), ...errors(...staffErrors) },
      },
      post: {
        summary: 'Institution admin: create a unit',
        security: staff,
        parameters: [code],
        requestBody: body('Unit'),
        responses: {
          201: ok('`{id, name, parentId}`'),
          ...errors(...staffErrors, 'validation_failed', 'unit_not_found'),
        },
      },
    },
    '/api/v1/institutions/{code}/units/{id}': {
      patch: {
        summary: 'Institution admin: rename or move a unit',
        security: staff,
        parameters: [code, param('id', 'Unit id')],
        requestBody: body('UnitPatch'),
        responses: {
          200: ok('`{id, parentId, name}`'),
          ...errors(...staffErrors, 'unit_not_found', 'unit_cycle'),
        },
      },
    },
    '/api/v1/institutions/{code}/routing': {
      get: {
        summary: 'Which unit each service routes new requests to',
        security: staff,
        parameters: [code],
        responses: { 200: ok('`{serviceId: unitId}`'), ...errors(...staffErrors) },
      },
      put: {
        summary: 'Institution admin: route services to units (the services named; others unchanged)',
        security: staff,
        parameters: [code],
        requestBody: body('Routing'),
        responses: {
          200: ok('The whole routing'),
          ...errors(...staffErrors, 'service_not_found', 'unit_not_found'),
        },
      },
    },
    '/api/v1/institutions/{code}/requests/{ticket}/assignment': {
      post: {
        summary: 'Supervisor or admin: move a request to a unit and/or a person',
        security: staff,
        parameters: [code, param('ticket', 'Ticket number')],
        requestBody: body('Assignment'),
        responses: {
          200: ok('`{ticket, unitId, accountId}`'),
          ...errors(...staffErrors, 'request_not_found', 'unit_not_found', 'account_not_found'),
        },
      },
    },
  };
}
