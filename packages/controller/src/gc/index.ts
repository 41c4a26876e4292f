export { createGCController, GC_CONTROLLER_NAME } from './controller.js';
export { planRevisionGC, type GCInput, type GCPlan } from './gc-plan.js';
export { RevisionGCError, RevisionGCReconciler, type RevisionGCReconcilerOptions } from './gc-reconciler.js';
