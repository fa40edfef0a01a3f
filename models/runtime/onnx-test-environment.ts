// Jest runs each test file in its own VM context, whose Float32Array and BigInt64Array are not the
// ones onnxruntime-node's native binding checks against (`instanceof` fails across realms). This
// environment hands the test context the host realm's typed arrays, so tensors cross the boundary.
import NodeEnvironment from 'jest-environment-node';

export default class OnnxTestEnvironment extends NodeEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    const g = this.global as unknown as Record<string, unknown>;
    for (const name of ['Float32Array', 'BigInt64Array', 'Int32Array', 'Uint32Array', 'Uint8Array', 'ArrayBuffer'] as const) {
      g[name] = globalThis[name];
    }
  }
}
