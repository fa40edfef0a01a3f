import type { LumaFrames } from '../domain/forensics/read';
import { probeVideo, readFrames } from './ffmpeg-process';

/**
 * A video's luma planes at an analysis size (area-averaged), optionally at a given frame rate (frames
 * dropped or repeated as ffmpeg's fps filter does). Planes come from yuv420p, so the levels are the
 * stored ones: no range conversion between the source and a copy.
 */
export async function decodeLuma(file: string, size: { width: number; height?: number }, fps?: number): Promise<LumaFrames> {
  let { width, height } = size;
  if (height === undefined) {
    const info = await probeVideo(file);
    height = Math.max(2, 2 * Math.round((width * info.height) / info.width / 2));
  }
  width = 2 * Math.round(width / 2);
  const filters = [...(fps ? [`fps=${fps}`] : []), `scale=${width}:${height}:flags=area`];
  const frames: Uint8Array[] = [];
  for await (const frame of readFrames(file, ['-an', '-vf', filters.join(','), '-f', 'rawvideo', '-pix_fmt', 'yuv420p'], (width * height * 3) / 2)) {
    frames.push(new Uint8Array(frame.subarray(0, width * height)));
  }
  return { width, height, frames };
}
