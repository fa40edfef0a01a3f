import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { useAsync } from '@/lib/use-async';
import { getViewerCode } from '../api/get-viewer-code';
import './viewer-code-overlay.css';

/** Spots the code drifts between, as fractions of the picture (clear of the subtitles at the bottom). */
const spots = [
  [0.12, 0.18], [0.58, 0.26], [0.3, 0.42], [0.66, 0.55], [0.18, 0.64], [0.5, 0.12], [0.08, 0.4], [0.62, 0.72],
];

/**
 * The viewer's short code, faint and drifting across the picture, over a paid episode served without
 * forensic marks (media a platform hosts itself, or one whose ingest has not finished): a recording
 * of the screen still says whose it was. Moving keeps it from being cropped or blurred out in one spot.
 */
export function ViewerCodeOverlay() {
  const code = useAsync(getViewerCode, []);
  const [spot, setSpot] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSpot((s) => (s + 3) % spots.length), 5000);
    return () => clearInterval(timer);
  }, []);
  if (code.status !== 'success') return null;
  const [x, y] = spots[spot];
  return (
    <Text className="viewer-code" aria-hidden style={{ left: `${x * 100}%`, top: `${y * 100}%` }}>
      {code.data}
    </Text>
  );
}
