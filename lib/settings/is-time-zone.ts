// Whether the runtime knows an IANA time zone name.
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });

    return true;
  } catch {
    return false;
  }
}
