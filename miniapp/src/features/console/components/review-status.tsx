import { reviewPlatforms, reviewStateText, type ReviewPlatform, type SeriesReview } from '@drama/shared/going-live';
import './review-status.css';

const platformText: Record<ReviewPlatform, string> = { douyin: '抖音', wechat: '微信' };
const tone = (state: string) => (state === 'online' || state === 'approved' ? ' console-badge--on' : state === 'rejected' ? ' console-badge--warn' : '');

/** Each platform's review of a series, as one line of badges (the series list). */
export function ReviewBadges({ review }: { review: SeriesReview }) {
  return (
    <span className="console-review">
      {reviewPlatforms.map((p) => (
        <span key={p} className={`console-badge${tone(review[p].state)}`} title={review[p].reason}>
          {platformText[p]} {reviewStateText[review[p].state]}
        </span>
      ))}
    </span>
  );
}

/** Each platform's media library and review of a series, with the platform's reasons (the editor). */
export function ReviewDetails({ review }: { review: SeriesReview }) {
  return (
    <dl className="console-review-details">
      {reviewPlatforms.map((p) => {
        const r = review[p];
        const id = p === 'douyin' ? review.douyin.albumId : review.wechat.dramaId;
        return (
          <div key={p} className="console-review-details__row" aria-label={`${platformText[p]}审核`}>
            <dt>{platformText[p]}</dt>
            <dd>
              <span className={`console-badge${tone(r.state)}`}>{reviewStateText[r.state]}</span>
              {id && <span className="console-note"> {p === 'douyin' ? '短剧' : '剧目'} ID {id}</span>}
              {r.reason && <p className="console-note">原因：{r.reason}</p>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
