"use client";

import { useState } from "react";
import { CardHtml } from "@/components/card-html";
import type { Locale } from "@/lib/i18n/messages";
import { messages } from "@/lib/i18n/messages";
import type { QuizAnswer } from "@/lib/quiz/quiz-answer-schema";
import type { QuizQuestion as Question } from "@/lib/quiz/render-question";

// The interactive part of one question. It reports the learner's answer once;
// the parent checks it with the server.
export function QuizQuestion({
  question,
  locale,
  disabled,
  onAnswer,
}: {
  question: Question;
  locale: Locale;
  disabled: boolean;
  onAnswer: (answer: QuizAnswer) => void;
}) {
  switch (question.kind) {
    case "choice":
      return (
        <div className="space-y-3">
          <CardHtml html={question.promptHtml} />
          <div className="grid gap-2">
            {question.optionsHtml.map((html, option) => (
              <button
                // biome-ignore lint/suspicious/noArrayIndexKey: options are positional and never reordered
                key={option}
                type="button"
                disabled={disabled}
                data-option={option}
                onClick={() => onAnswer({ kind: "choice", option })}
                className="quiz-option"
              >
                <span className="mr-2 font-semibold">{String.fromCharCode(65 + option)}.</span>
                <CardHtml html={html} className="inline" />
              </button>
            ))}
          </div>
        </div>
      );

    case "truefalse":
      return (
        <div className="space-y-3">
          <CardHtml html={question.statementHtml} />
          <div className="grid grid-cols-2 gap-2">
            {[true, false].map((value) => (
              <button
                key={String(value)}
                type="button"
                disabled={disabled}
                data-value={String(value)}
                onClick={() => onAnswer({ kind: "truefalse", value })}
                className="quiz-option text-center font-semibold"
              >
                {value ? messages[locale].quiz.trueLabel : messages[locale].quiz.falseLabel}
              </button>
            ))}
          </div>
        </div>
      );

    case "typing":
      return <TypedQuestion promptHtml={question.promptHtml} locale={locale} disabled={disabled} onAnswer={onAnswer} />;

    case "order":
      return <OrderQuestion question={question} locale={locale} disabled={disabled} onAnswer={onAnswer} />;

    case "spot_error":
      return (
        <div className="space-y-3">
          <CardHtml html={question.promptHtml} />
          <p className="text-sm text-slate-500">{messages[locale].quiz.pickLine}</p>
          <div className="card-body">
            <pre className="code">
              <code className="hljs">
                {question.lines.map((html, index) => (
                  <button
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
                    key={index}
                    type="button"
                    disabled={disabled}
                    data-line={index + 1}
                    onClick={() => onAnswer({ kind: "spot_error", line: index + 1 })}
                    className="quiz-line"
                  >
                    <span className="mr-3 inline-block w-5 text-right text-slate-500 select-none">{index + 1}</span>
                    <CardHtml html={html || " "} className="inline whitespace-pre" />
                  </button>
                ))}
              </code>
            </pre>
          </div>
        </div>
      );

    case "cloze":
    case "qa":
      return <SelfGradedQuestion question={question} locale={locale} disabled={disabled} onAnswer={onAnswer} />;
  }
}

function TypedQuestion({
  promptHtml,
  locale,
  disabled,
  onAnswer,
}: {
  promptHtml: string;
  locale: Locale;
  disabled: boolean;
  onAnswer: (answer: QuizAnswer) => void;
}) {
  const t = messages[locale].quiz;
  const [text, setText] = useState("");

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onAnswer({ kind: "typing", text });
      }}
    >
      <CardHtml html={promptHtml} />
      <input
        name="typed"
        value={text}
        onChange={(event) => setText(event.target.value)}
        disabled={disabled}
        placeholder={t.typeHere}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        className="field font-mono"
      />
      <button type="submit" className="btn-primary" disabled={disabled || !text.trim()}>
        {t.check}
      </button>
    </form>
  );
}

function OrderQuestion({
  question,
  locale,
  disabled,
  onAnswer,
}: {
  question: Extract<Question, { kind: "order" }>;
  locale: Locale;
  disabled: boolean;
  onAnswer: (answer: QuizAnswer) => void;
}) {
  const t = messages[locale].quiz;
  const [steps, setSteps] = useState(question.steps);

  const move = (from: number, to: number) => {
    if (to < 0 || to >= steps.length) return;

    const next = [...steps];
    const [step] = next.splice(from, 1);

    if (step) next.splice(to, 0, step);
    setSteps(next);
  };

  return (
    <div className="space-y-3">
      <CardHtml html={question.promptHtml} />
      <ol className="space-y-2" data-testid="order-steps">
        {steps.map((step, position) => (
          <li
            key={step.index}
            data-step={step.index}
            className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-900"
          >
            <span className="w-5 text-right text-sm text-slate-500">{position + 1}</span>
            <CardHtml html={step.html} className="flex-1 text-sm" />
            <button
              type="button"
              aria-label={t.moveUp}
              disabled={disabled || position === 0}
              onClick={() => move(position, position - 1)}
              className="btn-secondary px-2"
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={t.moveDown}
              disabled={disabled || position === steps.length - 1}
              onClick={() => move(position, position + 1)}
              className="btn-secondary px-2"
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn-primary"
        disabled={disabled}
        onClick={() => onAnswer({ kind: "order", order: steps.map((step) => step.index) })}
      >
        {t.check}
      </button>
    </div>
  );
}

function SelfGradedQuestion({
  question,
  locale,
  disabled,
  onAnswer,
}: {
  question: Extract<Question, { kind: "qa" | "cloze" }>;
  locale: Locale;
  disabled: boolean;
  onAnswer: (answer: QuizAnswer) => void;
}) {
  const t = messages[locale].quiz;
  const [revealed, setRevealed] = useState(false);

  return (
    <div className="space-y-3">
      <CardHtml html={question.promptHtml} />
      {revealed ? (
        <>
          <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
            <CardHtml html={question.answerHtml} />
          </div>
          <div className="grid grid-cols-2 gap-2">
            <button
              type="button"
              disabled={disabled}
              onClick={() => onAnswer({ kind: "self", correct: true })}
              className="quiz-option text-center"
            >
              {t.knewIt}
            </button>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onAnswer({ kind: "self", correct: false })}
              className="quiz-option text-center"
            >
              {t.didNot}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="btn-primary" onClick={() => setRevealed(true)}>
          {t.reveal}
        </button>
      )}
    </div>
  );
}
