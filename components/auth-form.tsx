"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";

type Labels = {
  signIn: string;
  signUp: string;
  email: string;
  password: string;
  passwordHint: string;
  noAccount: string;
  haveAccount: string;
  invalid: string;
  throttled: string;
  exists: string;
  failed: string;
  working: string;
};

export function AuthForm({ mode, labels, next }: { mode: "signin" | "signup"; labels: Labels; next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);

    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");

    try {
      if (mode === "signup") {
        const response = await fetch("/api/account", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
        });

        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as {
            error?: { code?: string; message?: string };
          } | null;

          setError(body?.error?.code === "conflict" ? labels.exists : (body?.error?.message ?? labels.failed));
          return;
        }
      }

      const result = await signIn("credentials", { email, password, redirect: false });

      if (!result || result.error) {
        setError(result?.error === "throttled" ? labels.throttled : labels.invalid);
        return;
      }

      router.replace(next);
      router.refresh();
    } catch {
      setError(labels.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="mx-auto max-w-sm space-y-4" noValidate={false}>
      <h1 className="text-2xl font-semibold">{mode === "signin" ? labels.signIn : labels.signUp}</h1>

      <label className="block space-y-1">
        <span className="text-sm font-medium">{labels.email}</span>
        <input name="email" type="email" required autoComplete="email" className="field" />
      </label>

      <label className="block space-y-1">
        <span className="text-sm font-medium">{labels.password}</span>
        <input
          name="password"
          type="password"
          required
          minLength={8}
          maxLength={200}
          autoComplete={mode === "signin" ? "current-password" : "new-password"}
          className="field"
        />
        {mode === "signup" && <span className="text-xs text-slate-500">{labels.passwordHint}</span>}
      </label>

      {error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}

      <button type="submit" disabled={busy} className="btn-primary w-full">
        {busy ? labels.working : mode === "signin" ? labels.signIn : labels.signUp}
      </button>

      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {mode === "signin" ? labels.noAccount : labels.haveAccount}{" "}
        <Link
          className="font-medium underline"
          href={`${mode === "signin" ? "/signup" : "/signin"}?next=${encodeURIComponent(next)}`}
        >
          {mode === "signin" ? labels.signUp : labels.signIn}
        </Link>
      </p>
    </form>
  );
}
