"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIES } from "@/lib/auth/current-user";

// Sessions are signed tokens kept in a cookie: signing out removes it.
export async function signOut(): Promise<void> {
  const store = await cookies();

  for (const name of SESSION_COOKIES) store.delete(name);

  redirect("/");
}
