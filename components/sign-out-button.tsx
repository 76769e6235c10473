import { signOut } from "@/app/actions/sign-out";

export function SignOutButton({ label }: { label: string }) {
  return (
    <form action={signOut}>
      <button type="submit" className="hover:underline">
        {label}
      </button>
    </form>
  );
}
