import { getHomeDepartment } from "@/server/tenancy/departments";
import { requireTenantScope } from "../../../_components/viewer";
import { MyKeysView } from "./my-keys-view";

export default async function MyKeysPage() {
  const viewer = await requireTenantScope("apiKeys:create");
  const department = await getHomeDepartment(viewer.user.id, viewer.tenant.id);
  return <MyKeysView hasDepartment={department !== null} />;
}
