import { requireTenantScope } from "../../../_components/viewer";
import { MyUsageView } from "./my-usage-view";

export default async function MyUsagePage() {
  await requireTenantScope("usage:readOwn");
  return <MyUsageView />;
}
