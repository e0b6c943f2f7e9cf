export { handleGateway } from "./handler";
