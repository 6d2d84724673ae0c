/**
 * The workspace's own refusals, in the Azure Monitor API error shape
 * (`{"error":{"code","message","correlationId"}}`, as the Log Analytics and metrics APIs answer);
 * errors from the query itself (bad_data, timeout, execution) come from the real Prometheus
 * behind the stand-in, in Prometheus's shape, untouched.
 */
export interface WorkspaceError {
  status: number;
  body: { error: { code: string; message: string; correlationId: string } };
}

function workspaceError(
  status: number,
  code: string,
  message: string,
  correlationId: string,
): WorkspaceError {
  return { status, body: { error: { code, message, correlationId } } };
}

export const workspaceErrors = {
  authenticationFailed: (reason: string, correlationId: string): WorkspaceError =>
    workspaceError(
      401,
      'AuthenticationFailed',
      `Authentication failed. ${reason} Send "Authorization: Bearer <token>" with an Entra token for the workspace's resource.`,
      correlationId,
    ),
  wrongAudience: (got: string, expected: string, correlationId: string): WorkspaceError =>
    workspaceError(
      403,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained from wrong audience or resource '${got}'. It should exactly match with the allowed audience '${expected}' (scope '${expected}/.default').`,
      correlationId,
    ),
  missingRole: (
    principal: string,
    role: string,
    workspace: string,
    correlationId: string,
  ): WorkspaceError =>
    workspaceError(
      403,
      'InsufficientAccessError',
      `The provided credentials have insufficient access to perform the requested operation. ${principal} does not hold the '${role}' role on the Azure Monitor workspace '${workspace}'; ask an owner of the workspace to assign it.`,
      correlationId,
    ),
  notFound: (path: string, correlationId: string): WorkspaceError =>
    workspaceError(
      404,
      'PathNotFound',
      `The requested path '${path}' does not exist.`,
      correlationId,
    ),
  unknownRule: (rule: string, correlationId: string): WorkspaceError =>
    workspaceError(
      404,
      'DataCollectionRuleNotFound',
      `The data collection rule '${rule}' does not exist on this endpoint.`,
      correlationId,
    ),
  missingApiVersion: (correlationId: string): WorkspaceError =>
    workspaceError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests to the ingestion endpoint.',
      correlationId,
    ),
  methodNotAllowed: (method: string, correlationId: string): WorkspaceError =>
    workspaceError(
      405,
      'MethodNotAllowed',
      `The method ${method} is not allowed here.`,
      correlationId,
    ),
  storageUnavailable: (detail: string, correlationId: string): WorkspaceError =>
    workspaceError(
      503,
      'ServiceUnavailable',
      `The workspace's storage is not available: ${detail}`,
      correlationId,
    ),
};
