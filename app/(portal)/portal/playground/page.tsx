import { requireTenantScope } from "../../../_components/viewer";
import { PlaygroundView } from "./playground-view";

export default async function PlaygroundPage() {
  await requireTenantScope("playground:use");
  return <PlaygroundView />;
}
