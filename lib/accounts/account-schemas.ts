import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "email is too long")
  .pipe(z.email("enter a valid email address"));

export const passwordSchema = z
  .string()
  .min(8, "password needs at least 8 characters")
  .max(200, "password is too long (at most 200 characters)");

export const credentialsSchema = z.object({ email: emailSchema, password: passwordSchema });
