import type { QuizQuestion } from "./generated/QuizQuestion";

/** Number of questions whose chosen choice is the right one. */
export function scoreQuiz(questions: QuizQuestion[], chosen: (number | null)[]): number {
  return questions.filter((q, i) => chosen[i] === q.answer).length;
}
