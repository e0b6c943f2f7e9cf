import { getDb } from "@/server/db";
import { notFound } from "@/server/errors";

export async function tenantBySlug(slug: string) {
  const tenant = await getDb().tenant.findUnique({ where: { slug } });
  if (!tenant) throw notFound(`Tenant "${slug}"`);
  return tenant;
}

export async function departmentBySlug(tenantId: string, slug: string) {
  const department = await getDb().department.findUnique({ where: { tenantId_slug: { tenantId, slug } } });
  if (!department) throw notFound(`Department "${slug}"`);
  return department;
}
