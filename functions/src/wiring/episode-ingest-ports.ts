import { readCatalog } from '../adapters/dynamodb-catalog';
import type { EpisodeIngestPorts } from '../domain/media/episode-ingest';
import { targetsOf } from '../domain/media/preview';
import { ingestPorts as hlsIngestPorts } from './forensics-ports';
import { ingestPorts as burnInPorts } from './ingest-ports';
import { ingestPorts as previewPorts } from './media-ports';

/** The whole episode ingest's adapters (burn-in, preview, marked HLS), for the ingestEpisode function. */
export const episodeIngestPorts = (): EpisodeIngestPorts => ({
  burnIn: burnInPorts,
  preview: previewPorts,
  hls: hlsIngestPorts(),
  // Read fresh (not the viewers' cache): the burn-in has just changed what is served.
  served: async (seriesId, index) => {
    const series = (await readCatalog()).find((s) => s.id === seriesId);
    return series && targetsOf(series).find((t) => t.index === index);
  },
});
