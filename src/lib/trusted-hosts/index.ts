export {
  audienceFor,
  checkTokenTarget,
  createTrustedHostPolicy,
  describeExtraHostProblem,
  type TokenTargetVerdict,
  type TrustedHostPolicy,
} from './trusted-host-policy';
export {
  wellKnownKustoEndpoints,
  wellKnownMonitorApiHosts,
  wellKnownMonitorApiResources,
} from './well-known-kusto-endpoints';
