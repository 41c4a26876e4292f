// @knot/local: the local platform.
export {};
