export {
  checkTokenTarget,
  createTrustedHostPolicy,
  describeExtraHostProblem,
  type TokenTargetVerdict,
  type TrustedHostPolicy,
} from './trusted-host-policy';
export { wellKnownKustoEndpoints, wellKnownMonitorApiHosts } from './well-known-kusto-endpoints';
