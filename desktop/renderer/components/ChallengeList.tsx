/** The catalog: one row per challenge with its title, difficulty, tags and a solved mark. */
import type { ChallengeSummary } from '../../../protocol/index.js';
import { LANGUAGES, isLanguageId } from '../../../protocol/index.js';
import { DifficultyBadge } from './DifficultyBadge.js';

export interface ChallengeListProps {
  challenges: ChallengeSummary[];
  solved: ReadonlySet<string>;
  onOpen(id: string): void;
}

export function ChallengeList({ challenges, solved, onOpen }: ChallengeListProps) {
  return (
    <section className="catalog" aria-labelledby="catalog-title">
      <header className="catalog-head">
        <h1 id="catalog-title">Challenges</h1>
        <p className="muted">
          {challenges.length} {challenges.length === 1 ? 'challenge' : 'challenges'} · {solved.size > 0 ? `${[...solved].filter((id) => challenges.some((c) => c.id === id)).length} solved` : 'none solved yet'}
        </p>
      </header>
      <ul className="catalog-list">
        {challenges.map((challenge) => {
          const isSolved = solved.has(challenge.id);
          return (
            <li key={challenge.id}>
              <button type="button" className="catalog-row" onClick={() => onOpen(challenge.id)} data-challenge-id={challenge.id}>
                <span className={`solved-mark ${isSolved ? 'is-solved' : ''}`} aria-hidden="true">
                  {isSolved ? '✓' : ''}
                </span>
                <span className="catalog-title">
                  {challenge.title}
                  {isSolved && <span className="visually-hidden"> (solved)</span>}
                  {challenge.authored && <span className="authored-by muted"> · by {challenge.owner ?? 'a coach'}</span>}
                </span>
                <span className="catalog-tags">
                  {challenge.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </span>
                <span className="catalog-languages muted">
                  {challenge.languages.map((id) => (isLanguageId(id) ? LANGUAGES[id].name : id)).join(' · ')}
                </span>
                <DifficultyBadge difficulty={challenge.difficulty} />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
