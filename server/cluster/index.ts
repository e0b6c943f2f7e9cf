export { listServedModels, type ServedModel } from "./models";
