import { getServerSession } from "next-auth";
import { AppError } from "../errors";
import { authOptions } from "./auth-options";

// The signed-in user's id, or null. Every query that touches progress is
// scoped to this id.
export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);

  return session?.user?.id ?? null;
}

export async function requireUserId(): Promise<string> {
  const userId = await currentUserId();

  if (!userId) throw new AppError("unauthorized", "sign in first");

  return userId;
}
