import { ingestEpisode as burnIn, type IngestPorts as BurnInPorts } from './burn-in';
import { runIngest, type IngestPorts as HlsPorts } from './ingest';
import { ingestEpisode as cutPreview, type IngestPorts as PreviewPorts, type IngestTarget } from './preview';

/**
 * The episode ingest, one use case in its fixed order: (1) the licence burn-in (burn-in.ts) decides
 * the file viewers are served; (2) the trial preview (preview.ts) and (3) a paid episode's marked
 * HLS variants (ingest.ts with hls.ts) are made from that served file. Each stage keeps its own
 * re-drivable record keyed by the media it works from, so a later stage never works from media an
 * earlier stage replaced (a new upload or licence restarts the chain), and running the whole again
 * after a crash redoes only what is missing. Invoked after an operator's upload or licence change;
 * the scheduled sweeps (burn-in's stale jobs, the preview pass) finish what a failure left.
 */
export interface EpisodeIngestPorts {
  burnIn: BurnInPorts;
  preview: PreviewPorts;
  hls: HlsPorts;
  /** The episode as served now (after the burn-in), with what the preview step needs. */
  served(seriesId: string, index: number): Promise<IngestTarget | undefined>;
}

export type EpisodeIngestOutcome = 'done' | 'superseded' | 'missing' | 'hls-pending';

export async function ingestEpisode(seriesId: string, index: number, ports: EpisodeIngestPorts): Promise<EpisodeIngestOutcome> {
  const burned = await burnIn(seriesId, index, ports.burnIn);
  if (burned !== 'served') return burned;
  const target = await ports.served(seriesId, index);
  if (!target) return 'missing';
  if ((await cutPreview(target, ports.preview)) === 'superseded') return 'superseded';
  if (index <= target.freeEpisodes) return 'done';
  // Another run holding the HLS job's lease finishes it.
  const { finished } = await runIngest({ seriesId, episode: index, sourceKey: target.mediaKey }, ports.hls);
  return finished ? 'done' : 'hls-pending';
}
