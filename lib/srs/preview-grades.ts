import { scheduleReview } from "./schedule-review";
import { GRADE, type Grade, type GradePreview, type SchedulerSettings, type SrsCardState, type UserDay } from "./types";

export type PreviewGradesOptions = {
  cardId: string;
  state: SrsCardState | null;
  now: Date;
  settings: SchedulerSettings;
  userDay?: UserDay;
};

// Built on scheduleReview itself, so the interval shown on a button is always
// the one that rating will give.
export function previewGrades({
  cardId,
  state,
  now,
  settings,
  userDay,
}: PreviewGradesOptions): Record<Grade, GradePreview> {
  const preview = (grade: Grade): GradePreview => {
    const { after } = scheduleReview({ cardId, state, grade, now, settings, userDay });

    return { due: after.due, intervalMs: after.due.getTime() - now.getTime() };
  };

  return {
    [GRADE.Again]: preview(GRADE.Again),
    [GRADE.Hard]: preview(GRADE.Hard),
    [GRADE.Good]: preview(GRADE.Good),
    [GRADE.Easy]: preview(GRADE.Easy),
  };
}
