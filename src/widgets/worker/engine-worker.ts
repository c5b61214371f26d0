/**
 * The engine's Web Worker: one per element. Receives {@link WorkerRequest}s and answers with
 * {@link WorkerResponse}s through {@link EngineHost}.
 */
import { EngineHost } from './engine-host.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<WorkerRequest>) => void): void;
};

const host = new EngineHost((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.addEventListener('message', (e) => host.handle(e.data));
scope.postMessage({ type: 'ready', requestId: 0 });
