import { ensureBuild } from "../server/next-build";

ensureBuild();
