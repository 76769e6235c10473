"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type Locale, messages } from "@/lib/i18n/messages";

export function RestoreBackupForm({ locale }: { locale: Locale }) {
  const t = messages[locale].settings;
  const router = useRouter();
  const restore = useMutation({
    mutationFn: async (file: File) => {
      const response = await fetch("/api/backup", {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": "gzip" },
        body: await gzipped(file),
      });
      const body = (await response.json()) as { reviewLogs?: number; error?: { message: string } };

      if (!response.ok) throw new Error(body.error?.message ?? `restore failed with ${response.status}`);

      return body.reviewLogs ?? 0;
    },
    onSuccess: () => router.refresh(),
  });

  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium">{t.restore}</span>
      <input
        type="file"
        accept="application/json,.json,.gz"
        disabled={restore.isPending}
        onChange={(event) => {
          const file = event.target.files?.[0];

          if (file) restore.mutate(file);
        }}
        className="block text-sm"
      />
      <span aria-live="polite">
        {restore.isError && <span className="text-rose-700 dark:text-rose-300">{restore.error.message}</span>}
        {restore.isSuccess && t.restored(restore.data)}
      </span>
    </label>
  );
}

// A backup compresses to about a tenth, so a long history still fits the
// upload limit. A file that is already gzip (.json.gz) is sent as it is.
async function gzipped(file: File): Promise<Blob> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());

  if (head[0] === 0x1f && head[1] === 0x8b) return file;

  return new Response(file.stream().pipeThrough(new CompressionStream("gzip"))).blob();
}
