/** vLLM's error bodies: `{"error":{"message","type","param","code"}}`. */

const TYPES: Record<number, string> = {
  400: "BadRequestError",
  404: "NotFoundError",
  500: "InternalServerError",
  503: "ServiceUnavailableError",
};

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

function errorObject(status: number, message: string, param: string | null = null) {
  return { error: { message, type: TYPES[status] ?? "InternalServerError", param, code: status } };
}

export function errorJson(status: number, message: string, param: string | null = null): string {
  return JSON.stringify(errorObject(status, message, param));
}

export function badRequest(message: string, param: string | null = null): SimHttpError {
  return new SimHttpError(400, message, param);
}

export function contextOverflowMessage(maxModelLen: number, promptTokens: number, maxTokens: number | null): string | null {
  if (promptTokens >= maxModelLen) {
    return (
      `This model's maximum context length is ${maxModelLen} tokens. However, your request has ` +
      `${promptTokens} input tokens. Please reduce the length of the input messages.`
    );
  }
  if (maxTokens !== null && promptTokens + maxTokens > maxModelLen) {
    return (
      `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context ` +
      `length is ${maxModelLen} tokens and your request has ${promptTokens} input tokens ` +
      `(${maxTokens} > ${maxModelLen} - ${promptTokens}).`
    );
  }
  return null;
}
