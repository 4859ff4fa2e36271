import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';

/** A request the Webex spec does not allow, or a response the fake sent that the spec does not describe. */
export interface SpecViolation {
  where: 'request' | 'response';
  method: string;
  path: string;
  operationId: string | undefined;
  problems: string[];
}

export const SPEC_FILE = join(import.meta.dirname, '..', 'spec', 'webex-meeting.json');

let loading: Promise<OpenAPIBackend> | null = null;

/**
 * The official Webex Meetings OpenAPI document as a validator (openapi-backend, on Ajv). Requests
 * are checked for path, method, path/query parameters (undeclared query parameters are refused)
 * and body; responses against the schema of their status code.
 *
 * `quick` skips openapi-backend's own check of the document against the OpenAPI 3.0 meta-schema:
 * Cisco's file puts `description` beside `$ref` in many schemas, which that meta-schema rejects
 * though every tool reads it. Nothing is skipped when validating traffic.
 */
function load(): Promise<OpenAPIBackend> {
  loading ??= (async () => {
    const definition = JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Document;
    const api = new OpenAPIBackend({ definition, quick: true, strict: true, validate: true });
    await api.init();
    return api;
  })();
  return loading;
}

export interface SpecRequest {
  method: string;
  /** Path below the API root, e.g. `/meetingParticipants`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export class SpecValidator {
  private constructor(private readonly api: OpenAPIBackend) {}

  static async load(): Promise<SpecValidator> {
    return new SpecValidator(await load());
  }

  /** The operation a request addresses, or a violation when the spec has no such path and method. */
  checkRequest(request: SpecRequest): { operation: Operation | undefined; violation: SpecViolation | undefined } {
    const shaped = {
      method: request.method.toLowerCase(),
      path: request.path,
      query: request.query,
      headers: request.headers,
      body: request.body,
    };
    const operation = this.api.matchOperation(shaped);
    if (!operation) {
      return {
        operation,
        violation: {
          where: 'request',
          method: request.method,
          path: request.path,
          operationId: undefined,
          problems: ['no such operation in the spec'],
        },
      };
    }
    const result = this.api.validateRequest(shaped, operation);
    if (result.valid) return { operation, violation: undefined };
    return {
      operation,
      violation: {
        where: 'request',
        method: request.method,
        path: request.path,
        operationId: operation.operationId,
        problems: (result.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`),
      },
    };
  }

  /** Problems with a response body for `operation` and `status`; none when the spec allows it. */
  checkResponse(operation: Operation, method: string, path: string, status: number, body: unknown): SpecViolation | undefined {
    const declared = operation.responses?.[String(status)];
    if (!declared) {
      return { where: 'response', method, path, operationId: operation.operationId, problems: [`status ${status} is not declared`] };
    }
    const result = this.api.validateResponse(body, operation, status);
    if (result.valid) return undefined;
    return {
      where: 'response',
      method,
      path,
      operationId: operation.operationId,
      problems: (result.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`),
    };
  }
}
