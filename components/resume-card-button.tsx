"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

export function ResumeCardButton({ cardId, label }: { cardId: string; label: string }) {
  const router = useRouter();
  const resume = useMutation({
    mutationFn: async () => {
      const response = await fetch("/api/cards/suspend", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ cardId, suspended: false }),
      });

      if (!response.ok) throw new Error(`resume failed with ${response.status}`);
    },
    onSuccess: () => router.refresh(),
  });

  return (
    <button type="button" className="btn-secondary" disabled={resume.isPending} onClick={() => resume.mutate()}>
      {label}
    </button>
  );
}
