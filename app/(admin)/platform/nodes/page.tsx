import { requirePlatformScope } from "../../../_components/viewer";
import { NodesView } from "./nodes-view";

export default async function NodesPage() {
  await requirePlatformScope("platform:nodes");
  return <NodesView />;
}
