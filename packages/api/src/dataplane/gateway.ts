// What @knot/gateway shares with other components. Owned by that component; exported from the package root.
export {};
