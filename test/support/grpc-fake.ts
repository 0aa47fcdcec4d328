import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * The common part of the loopback gRPC fakes that stand in for Google Cloud APIs: the real service definitions from
 * the protos the client libraries ship, call counting, and failures injected on demand, so the real client libraries
 * (with their own retries and error mapping) run unchanged against them.
 */

/** The `protos` folder shipped inside an installed package (its main file lives in `build/src`). */
export function shippedProtos(packageName: string): string {
  return path.resolve(path.dirname(require.resolve(packageName)), '..', 'protos');
}

/** Loads one service of a proto file, resolving Google's common protos from google-gax. */
export function loadService(protoRoot: string, protoFile: string, servicePath: string): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(path.join(protoRoot, protoFile), {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [protoRoot, shippedProtos('google-gax')],
  });
  const service = definition[servicePath] as grpc.ServiceDefinition | undefined;
  if (!service) throw new Error(`service ${servicePath} not found in ${protoFile}`);
  return service;
}

/** Thrown by a fake's handler to answer with a gRPC status instead of a response. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(details);
  }
}

/** One unary method of a fake: takes the decoded request, returns the response or throws GrpcStatusError. */
export type UnaryHandler = (request: never) => unknown;

/** A running fake: where to reach it, what it was asked, and how to make it fail. */
export interface GrpcFake<M extends string> {
  /** `127.0.0.1:<port>`, the form the client libraries take as apiEndpoint. */
  readonly endpoint: string;
  readonly port: number;
  /** How many calls each method received, failed ones included. */
  readonly calls: Record<M, number>;
  /** Answers the next `times` calls of `method` with `code` before handling calls normally again. */
  failNext(method: M, times?: number, code?: grpc.status, details?: string): void;
  stop(): Promise<void>;
}

/** Serves `handlers` for `service` on an ephemeral loopback port. */
export async function startGrpcFake<M extends string>(
  service: grpc.ServiceDefinition,
  handlers: Record<M, UnaryHandler>,
): Promise<GrpcFake<M>> {
  const methods = Object.keys(handlers) as M[];
  const calls = Object.fromEntries(methods.map((m) => [m, 0])) as Record<M, number>;
  const faults = new Map<M, Array<{ code: grpc.status; details: string }>>();
  const implementation: grpc.UntypedServiceImplementation = {};

  for (const method of methods) {
    implementation[method] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      calls[method]++;
      const fault = faults.get(method)?.shift();
      if (fault) return callback({ code: fault.code, details: fault.details });
      try {
        callback(null, handlers[method](call.request as never));
      } catch (error) {
        if (error instanceof GrpcStatusError) return callback({ code: error.code, details: error.details });
        callback({ code: grpc.status.INTERNAL, details: (error as Error).message });
      }
    };
  }

  const server = new grpc.Server();
  server.addService(service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    calls,
    failNext(method, times = 1, code = grpc.status.UNAVAILABLE, details = `injected ${grpc.status[code]}`) {
      const queue = faults.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push({ code, details });
      faults.set(method, queue);
    },
    async stop() {
      server.forceShutdown();
    },
  };
}
