import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { encodeSceneOutputSchema, sceneFrameSize, stepSceneOutputSchema, type SceneInvocation } from '@drama/shared/scenes';
import type { Inference } from '../domain/scenes/scene';
import { DomainError } from '../domain/errors';
import { config } from '../lib/config';

let sagemaker: SageMakerRuntimeClient | undefined;

/** The endpoint is busy or slow: a 503 the client may retry (never a 500 for the viewer's input). */
export class InferenceUnavailable extends DomainError {
  constructor(message: string) {
    super('RATE_LIMITED', `the scene engine is busy: ${message}`);
  }
}

/**
 * One adapter to the world-model endpoint: the SageMaker runtime's InvokeEndpoint in AWS
 * (INFERENCE_ENDPOINT_NAME), plain HTTP to the same container contract locally (INFERENCE_URL).
 */
async function invoke(body: SceneInvocation): Promise<unknown> {
  const c = config();
  const payload = JSON.stringify(body);
  if (c.inferenceEndpointName) {
    sagemaker ??= new SageMakerRuntimeClient({ region: c.region, ...(c.inferenceUrl ? { endpoint: c.inferenceUrl } : {}) });
    const out = await sagemaker.send(new InvokeEndpointCommand({ EndpointName: c.inferenceEndpointName, ContentType: 'application/json', Accept: 'application/json', Body: payload }));
    return JSON.parse(Buffer.from(out.Body ?? new Uint8Array()).toString('utf8'));
  }
  const response = await fetch(`${c.inferenceUrl}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
    signal: AbortSignal.timeout(c.inferenceTimeoutMs),
  }).catch((error: Error) => {
    throw new InferenceUnavailable(error.message);
  });
  const json = await response.json().catch(() => ({}));
  if (response.status === 429 || response.status === 503 || response.status === 504) throw new InferenceUnavailable(`HTTP ${response.status}`);
  if (!response.ok) throw new Error(`inference answered ${response.status}: ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}

export const inferenceClient: Inference = {
  async encode(rgb64) {
    const out = encodeSceneOutputSchema.parse(await invoke({ op: 'encode', image: { width: sceneFrameSize, height: sceneFrameSize, rgb: rgb64.toString('base64') } }));
    return { tokens: out.tokens, png: out.frame.png, controls: out.controls, reach: out.reach };
  },
  async step(window, actions, seed, memory) {
    return stepSceneOutputSchema.parse(await invoke({ op: 'step', tokens: window, actions, seed, ...(memory ? { memory } : {}) })).branches;
  },
};
