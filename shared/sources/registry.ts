import { z } from 'zod';
import type { Connector } from './connector';
import { lightspeedConnector } from './lightspeed/connector';
import { squareConnector } from './square/connector';

/**
 * THE list of POS sources. The sync's fan-out, the schedules, health, the operator routes, the views over every
 * source and the local first sync derive from it; nothing outside a connector's folder names a source.
 */
export const CONNECTORS = [squareConnector, lightspeedConnector] as const;

/** The id of a source: `square`, `lightspeed`. */
export type SourceName = (typeof CONNECTORS)[number]['name'];

const [firstName, ...otherNames] = CONNECTORS.map((c): SourceName => c.name);

/** Every source's id, in registry order. */
export const SOURCE_NAMES: readonly SourceName[] = [firstName, ...otherNames];

/** Validates a source id (messages, routes, query strings). */
export const sourceNameSchema = z.enum([firstName, ...otherNames]);

/** The connector of a source. */
export function connectorFor(name: SourceName): Connector<SourceName> {
  const connector = CONNECTORS.find((c) => c.name === name);
  if (!connector) throw new Error(`Unknown source ${name}`);
  return connector;
}

/** The names of a source's streams, known without connecting (the fan-out of a source-level sync). */
export function streamNames(name: SourceName): string[] {
  return connectorFor(name).streams.map((s) => s.name);
}
