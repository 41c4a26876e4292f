// npm scripts run on the Node that the pinned `node` devDependency installs;
// fail early and clearly when something else is on the PATH.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`knot needs Node >= 22 (the project pins Node 24 as a devDependency); found ${process.version}. Run "npm ci" first.`);
  process.exit(1);
}
console.log(`node ${process.version}`);
