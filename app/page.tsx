import { redirect } from "next/navigation";
import { getViewer } from "./_components/viewer";

export default async function Home() {
  redirect((await getViewer()) ? "/portal" : "/sign-in");
}
