import { dynamoScenes } from '../adapters/dynamodb-scenes';
import { ffmpegFrames } from '../adapters/ffmpeg-frames';
import { inferenceClient } from '../adapters/inference';
import { startPrecompute } from '../adapters/lambda-precompute';
import type { ScenePorts } from '../domain/scenes/scene';
import { catalog, clock, holdings, products } from './ports';

export const scenePorts: ScenePorts = {
  scenes: dynamoScenes,
  inference: inferenceClient,
  frames: ffmpegFrames,
  catalog,
  holdings,
  products: () => products.get(),
  precompute: startPrecompute,
  now: clock,
};
