/**
 * The person's own test cases: arguments as a JSON array and the expected value as JSON.
 * Problems are shown next to the box that has them, as soon as the text stops parsing.
 */
import { isIoTest, type PublicChallenge } from '../../../protocol/index.js';
import { parseCustomCase } from '../state/build-submission.js';
import type { CustomCase, WorkspaceAction } from '../state/workspace-state.js';

export interface CustomTestsEditorProps {
  cases: CustomCase[];
  challenge: PublicChallenge | null;
  entryName?: string;
  disabled: boolean;
  dispatch(action: WorkspaceAction): void;
}

export function CustomTestsEditor({ cases, challenge, entryName, disabled, dispatch }: CustomTestsEditorProps) {
  // Custom cases call a function: a stdin/stdout challenge's first test is no example of one.
  const first = challenge?.tests[0];
  const example = first && !isIoTest(first) ? first : undefined;
  const addCase = () =>
    dispatch({
      type: 'addCase',
      argsText: example ? JSON.stringify(example.args) : '[]',
      expectedText: example ? JSON.stringify(example.expected) : 'null',
    });
  return (
    <div className="custom-tests">
      <p className="muted">
        Your own cases run with <strong>Run</strong>{entryName ? <> and call <code>{entryName}(…args)</code></> : null}. Write
        arguments as a JSON array and the expected return value as JSON.
      </p>
      {cases.length === 0 && <p className="muted">No custom tests yet.</p>}
      <ul className="case-list">
        {cases.map((item) => {
          const parsed = parseCustomCase(item);
          const problem = (field: 'name' | 'args' | 'expected') =>
            parsed.ok ? undefined : parsed.problems.find((entry) => entry.field === field)?.message;
          return (
            <li key={item.id} className="case-card" data-testid="custom-case">
              <div className="case-head">
                <label className="field grow">
                  <span className="field-label">Name</span>
                  <input
                    value={item.name}
                    disabled={disabled}
                    aria-invalid={problem('name') ? true : undefined}
                    onChange={(event) => dispatch({ type: 'updateCase', id: item.id, patch: { name: event.target.value } })}
                  />
                </label>
                <button
                  type="button"
                  className="button ghost small"
                  disabled={disabled}
                  onClick={() => dispatch({ type: 'removeCase', id: item.id })}
                  aria-label={`Remove ${item.name}`}
                >
                  Remove
                </button>
              </div>
              <label className="field">
                <span className="field-label">Arguments (JSON array)</span>
                <textarea
                  className="mono"
                  rows={2}
                  spellCheck={false}
                  value={item.argsText}
                  disabled={disabled}
                  aria-invalid={problem('args') ? true : undefined}
                  onChange={(event) => dispatch({ type: 'updateCase', id: item.id, patch: { argsText: event.target.value } })}
                />
                {problem('args') && <span className="field-error">{problem('args')}</span>}
              </label>
              <label className="field">
                <span className="field-label">Expected (JSON)</span>
                <textarea
                  className="mono"
                  rows={1}
                  spellCheck={false}
                  value={item.expectedText}
                  disabled={disabled}
                  aria-invalid={problem('expected') ? true : undefined}
                  onChange={(event) => dispatch({ type: 'updateCase', id: item.id, patch: { expectedText: event.target.value } })}
                />
                {problem('expected') && <span className="field-error">{problem('expected')}</span>}
              </label>
              {problem('name') && <span className="field-error">{problem('name')}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" className="button secondary small" onClick={addCase} disabled={disabled}>
        Add test case
      </button>
    </div>
  );
}
