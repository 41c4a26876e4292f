// Who may serve a domain. Knative records this in a cluster-scoped ClusterDomainClaim
// created by the first DomainMapping (autocreate-cluster-domain-claims); knot has no
// such kind, so the claim is derived: the oldest DomainMapping of a name holds it.
import type { DomainMapping } from '@knot/api';

/** The namespace whose DomainMapping holds the domain `name`: the earliest created, ties broken by namespace. */
export function domainHolder(mappings: readonly DomainMapping[], name: string): string | undefined {
  const contenders = mappings.filter((m) => m.metadata?.name === name && !m.metadata.deletionTimestamp);
  contenders.sort((a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata?.creationTimestamp ?? '') || 0;
    if (ta !== tb) return ta - tb;
    const na = a.metadata?.namespace ?? '';
    const nb = b.metadata?.namespace ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  return contenders[0]?.metadata?.namespace;
}
