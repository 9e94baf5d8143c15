// A Node server's view of `haochaping/schema`: typed data after parseEvaluation().
import { parseEvaluation, toGovCn, type Evaluation, type FieldError, type GovCnEvaluation } from 'haochaping/schema';

export function accept(body: unknown): { status: number; errors?: FieldError[]; row?: GovCnEvaluation } {
  const result = parseEvaluation(body);
  if (!result.ok) return { status: 422, errors: result.errors };
  const evaluation: Evaluation = result.evaluation;
  const level: number | undefined = evaluation.level;
  const verdict: 'good' | 'bad' = evaluation.verdict;
  // @ts-expect-error a verdict is only good or bad
  const wrong: 'meh' = evaluation.verdict;
  void level;
  void verdict;
  void wrong;
  return { status: 201, row: toGovCn(evaluation) };
}

// @ts-expect-error the result must be narrowed before reading the evaluation
export const unchecked = parseEvaluation({}).evaluation;

import { parseGovCnEvaluation } from 'haochaping/schema';

export function acceptGovCn(body: unknown): number {
  const result = parseGovCnEvaluation(body);
  if (!result.ok) return 422;
  const satisfaction: number = result.evaluation.satisfaction;
  const time: string = result.evaluation.assessTime;
  void time;
  return satisfaction > 0 ? 201 : 422;
}
