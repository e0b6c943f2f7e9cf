import { requirePlatformScope } from "../../../_components/viewer";
import { PublishedVsComputed } from "./published-vs-computed";

export default async function ArticlePage() {
  await requirePlatformScope("platform:finance");
  return <PublishedVsComputed />;
}
