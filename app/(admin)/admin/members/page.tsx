import { requireTenantScope } from "../../../_components/viewer";
import { MembersView } from "./members-view";

export default async function MembersPage() {
  await requireTenantScope("members:create");
  return <MembersView />;
}
