import { readFile } from "node:fs/promises";
import type pg from "pg";

export type CpuUsage = {
  seconds: number;
  // CPU seconds spent by each party while the measured period ran.
  serverSeconds: number;
  postgresSeconds: number;
  loadGeneratorSeconds: number;
  // Everything else on the machine (other users' processes, the kernel's own
  // threads): how much of the box the bench did not have.
  otherSeconds: number;
  loadAverage: number;
};

export type CpuMeter = { begin(): Promise<() => Promise<CpuUsage>> };

// Linux reports process times in USER_HZ ticks, 100 per second on every
// mainstream architecture.
export const TICKS_PER_SECOND = 100;

// Counts CPU time by process around a measured period. On a shared machine
// throughput moves with whatever else runs; CPU time per request does much
// less, and says what the server and the database would need on their own.
export function createCpuMeter(options: { serverPid: number; admin: pg.Client; database: string }): CpuMeter {
  const postgresPids = async () => {
    const result = await options.admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [options.database],
    );

    return result.rows.map((row) => row.pid);
  };

  return {
    async begin() {
      const started = performance.now();
      const client = process.cpuUsage();
      const system = await systemTicks();
      const server = await processTicks(options.serverPid);
      const postgres = new Map<number, number>();

      for (const pid of await postgresPids()) postgres.set(pid, await processTicks(pid));

      return async () => {
        const seconds = (performance.now() - started) / 1000;
        const clientUsed = process.cpuUsage(client);
        const serverTicks = (await processTicks(options.serverPid)) - server;
        let postgresTicks = 0;

        // A connection opened during the period counts from zero; one closed
        // during it is lost, which the pool's steady load makes rare.
        for (const pid of await postgresPids()) postgresTicks += (await processTicks(pid)) - (postgres.get(pid) ?? 0);

        const systemNow = await systemTicks();
        const busyTicks = systemNow.busy - system.busy;
        const loadGeneratorSeconds = (clientUsed.user + clientUsed.system) / 1e6;
        const serverSeconds = serverTicks / TICKS_PER_SECOND;
        const postgresSeconds = postgresTicks / TICKS_PER_SECOND;
        const loadAverage = Number((await readFile("/proc/loadavg", "utf8")).split(" ")[0]);

        return {
          seconds,
          serverSeconds,
          postgresSeconds,
          loadGeneratorSeconds,
          otherSeconds: Math.max(
            0,
            busyTicks / TICKS_PER_SECOND - serverSeconds - postgresSeconds - loadGeneratorSeconds,
          ),
          loadAverage,
        };
      };
    },
  };
}

// utime + stime of one process, in ticks; 0 once it is gone.
export async function processTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);

  if (!stat) return 0;

  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");

  return Number(fields[11]) + Number(fields[12]);
}

// Busy ticks summed over every CPU, from the first line of /proc/stat.
async function systemTicks(): Promise<{ busy: number }> {
  const line = (await readFile("/proc/stat", "utf8")).split("\n", 1)[0] ?? "";
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);

  return { busy: (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0) };
}
