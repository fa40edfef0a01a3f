import { useAsync } from '@/lib/use-async';
import { resumePosition } from '../resume-point';

/** The position to open `episode` at; a history that fails to load just starts from the beginning. */
export const useResumePoint = (seriesId: string, episode: number) =>
  useAsync(() => (seriesId ? resumePosition(seriesId, episode).catch(() => 0) : Promise.resolve(0)), [seriesId, episode]);
