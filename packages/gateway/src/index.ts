// @knot/gateway: start(deps) for the local platform and main.ts.
export {};
