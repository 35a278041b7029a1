import { Hono } from 'hono';
import type { AppEnv, Deps } from '../app-env.ts';
import { importCatalog } from '../commands/import-catalog.ts';
import { loadInstitution } from '../db/institutions.ts';
import { canManage } from '../domain/roles.ts';
import { bodyOf } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { staffAudit } from '../http/staff-audit.ts';
import { jsonBody } from '../middleware/json-body/index.ts';
import { setHeader } from '../middleware/response-headers/index.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { CatalogFileSchema } from '../schema/catalog.ts';
import { issueMessage } from '../schema/messages.ts';

/**
 * The institution's own catalog, read and written by its admin in the catalog file's shape and
 * validated by the same schema as the file (issue 20 item 4): the write is the import-catalog
 * command the CLI runs, and is audited with the services it added and removed (a removed service is
 * only deactivated: its requests keep it, decision 077).
 */
export function catalogAdminRoutes(deps: Deps) {
  const { db, now, config, audit, catalogs } = deps;
  const auth = staffAuth(db, now, config.publicUrl);
  return new Hono<AppEnv>()
    .get('/:code/catalog', auth, async (c) => {
      if (!canManage(c.get('staff'))) throw new ApiError('forbidden');
      const institution = await loadInstitution(db.read, c.req.param('code'));
      if (!institution) throw new ApiError('institution_not_found');
      setHeader(c, 'Cache-Control', 'no-store');
      return c.json({ ...institution.catalog, revision: institution.revision });
    })
    .put('/:code/catalog', auth, jsonBody(), async (c) => {
      if (!canManage(c.get('staff'))) throw new ApiError('forbidden');
      const code = c.req.param('code');
      const catalog = bodyOf(c, CatalogFileSchema);
      if (catalog.code !== code)
        throw new ApiError('validation_failed', {
          issues: [
            { path: 'code', message: issueMessage(c.get('locale'), 'catalog_code_mismatch', { code }) },
          ],
        });
      const before = await loadInstitution(db.read, code);
      const had = new Set(before?.catalog.services.map((service) => service.id) ?? []);
      const has = new Set(catalog.services.map((service) => service.id));
      const at = now();
      await importCatalog(db, catalog, at);
      catalogs.clear();
      await staffAudit(audit, now)(c, code, 'catalog.update', {
        detail: {
          services: catalog.services.length,
          addedServices: [...has].filter((id) => !had.has(id)),
          removedServices: [...had].filter((id) => !has.has(id)),
          allowedOrigins: catalog.allowedOrigins,
        },
      });
      const saved = await loadInstitution(db.read, code);
      return c.json({ ...saved?.catalog, revision: saved?.revision });
    });
}
