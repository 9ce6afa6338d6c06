// Types of driver.mjs: the JavaScript host loop shared by the Node and wasm packages.

/** A task a core machine hands out (the JSON form of the Rust core's `wire::task_json`). */
export type Task =
  | { id: number; kind: 'send'; method: string; url: string; headers: [string, string][]; timeout: number | null; bodyLength: number; purpose: { kind: 'token' | 'api' | 'blob'; [k: string]: unknown } }
  | { id: number; kind: 'wait'; seconds: number; reason: { kind: 'retry' | 'poll'; [k: string]: unknown } }
  | { id: number; kind: 'stat'; names: string[] }
  | { id: number; kind: 'read'; name: string; offset: number; length: number }
  | { id: number; kind: 'write'; offset: number; length: number }
  | { id: number; kind: 'token'; family: string; scope: string };

/** One step of a machine: more tasks, nothing new, or the end. */
export interface MachineStep {
  kind: 'run' | 'pending' | 'done';
  tasks?: Task[];
  progress?: unknown[];
  outcome?: unknown;
  report?: unknown;
  error?: { code: string; number: number; message: string; [k: string]: unknown };
}

/** The binding's wrapper of a core machine (it supplies the clock and jitter). */
export interface Machine {
  step(event: object, data: Uint8Array | null): MachineStep;
  takeBody(id: number): Uint8Array;
}

/** The host's I/O; each member optional (a task that needs a missing one fails with `unsupported`). */
export interface HostIo {
  send?(task: Extract<Task, { kind: 'send' }>, body: Uint8Array, signal: AbortSignal): Promise<{ status: number; headers: [string, string][]; body: Uint8Array }>;
  wait?(seconds: number, signal: AbortSignal): Promise<void>;
  stat?(names: string[]): Promise<(number | null)[]>;
  read?(name: string, offset: number, length: number): Promise<Uint8Array>;
  write?(offset: number, bytes: Uint8Array): Promise<void>;
  token?(scope: string, family: string, signal: AbortSignal): Promise<{ token: string; expiresOn: number }>;
}

export interface DriveOptions {
  signal?: AbortSignal;
  onProgress?: (event: unknown) => void;
  makeError?: (error: NonNullable<MachineStep['error']>) => Error;
}

export function drive(machine: Machine, io: HostIo, options?: DriveOptions): Promise<unknown>;
export function sleep(seconds: number, signal?: AbortSignal): Promise<void>;
export function fetchSender(fetchFn: typeof fetch): NonNullable<HostIo['send']>;
