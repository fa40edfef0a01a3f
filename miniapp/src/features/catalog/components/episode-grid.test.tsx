import { fireEvent, render, screen } from '@testing-library/react';
import type { EpisodeView } from '@drama/shared/catalog';
import { EpisodeGrid } from './episode-grid';

const episodes: EpisodeView[] = [1, 2, 3, 4].map((index) => ({
  index,
  title: `第${index}集`,
  durationS: 60,
  free: index <= 2,
  locked: index > 3,
}));

describe('EpisodeGrid', () => {
  it('shows every episode by number and marks free and locked ones', () => {
    render(<EpisodeGrid episodes={episodes} onSelect={() => {}} />);

    const cells = screen.getAllByRole('button');
    expect(cells.map((c) => c.getAttribute('aria-label'))).toEqual(['第1集，免费', '第2集，免费', '第3集', '第4集，需解锁']);
    expect(screen.getByRole('button', { name: '第4集，需解锁' }).classList).toContain('locked');
    expect(screen.getByRole('button', { name: '第1集，免费' }).classList).toContain('free');
    expect(screen.getByRole('button', { name: '第3集' }).className).not.toMatch(/\b(locked|free)\b/);
    expect(screen.getByText('4')).toBeTruthy();
    expect(screen.getAllByText('免费')).toHaveLength(2);
  });

  it('calls back with the episode tapped, locked ones too', () => {
    const onSelect = jest.fn();
    render(<EpisodeGrid episodes={episodes} onSelect={onSelect} />);

    fireEvent.click(screen.getByText('4'));

    expect(onSelect).toHaveBeenCalledWith(4);
  });
});
