import { HTTP_OPTION_ANNOTATION, valueByPriority, type ConfigNetwork, type HTTPOption } from '@knot/api';

/** An http-protocol annotation holds a value Knative does not know. */
export class HttpProtocolError extends Error {
  override readonly name = 'HttpProtocolError';
  readonly code = 'InvalidHttpProtocol';
}

/** The object's http-protocol annotation wins over config-network's; `disabled` sets no option (Knative's GetHTTPOption). */
export function httpOptionFor(network: ConfigNetwork, annotations: Readonly<Record<string, string>> | undefined): HTTPOption | undefined {
  const own = valueByPriority(annotations, HTTP_OPTION_ANNOTATION)?.value;
  const value = own ? own.toLowerCase() : network.httpProtocol;
  if (value === 'enabled') return 'Enabled';
  if (value === 'redirected') return 'Redirected';
  if (value === 'disabled') return undefined;
  throw new HttpProtocolError(`incorrect http-protocol annotation: ${value}`);
}
