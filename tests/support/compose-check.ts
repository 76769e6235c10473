// A sanity check of a parsed compose file: the mistakes a learner could copy
// from a card, not the whole Compose specification. Returns one message per
// problem; an empty list means the file passes.
export function checkComposeFile(compose: unknown): string[] {
  if (!isRecord(compose)) return ["is not a mapping of top-level keys"];

  const problems: string[] = [];

  if ("version" in compose) {
    problems.push("has a top-level version: key; it is obsolete in Compose v2 and only triggers a warning, drop it");
  }

  if (!isRecord(compose.services)) return [...problems, "services: is not a mapping of service names to services"];

  const services = compose.services;
  const serviceNames = new Set(Object.keys(services));
  const declaredVolumes = new Set(isRecord(compose.volumes) ? Object.keys(compose.volumes) : []);

  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service)) {
      problems.push(`service ${name} is not a mapping; give it at least image: or build:`);
      continue;
    }

    const at = (message: string) => problems.push(`service ${name}: ${message}`);

    if (!("image" in service) && !("build" in service)) at("has neither image: nor build:, so Compose cannot start it");

    for (const message of dependsOnProblems(service.depends_on, serviceNames)) at(message);

    for (const volume of namedVolumesOf(service.volumes)) {
      if (!declaredVolumes.has(volume)) {
        at(`uses the named volume ${volume}, which is not declared under the top-level volumes:`);
      }
    }

    for (const message of portProblems(service.ports)) at(message);
  }

  return problems;
}

const CONDITIONS = ["service_started", "service_healthy", "service_completed_successfully"];

function dependsOnProblems(dependsOn: unknown, serviceNames: Set<string>): string[] {
  if (dependsOn === undefined) return [];

  const unknown = (name: string) => `depends_on names ${name}, which is not a service in this file`;

  if (Array.isArray(dependsOn)) {
    return dependsOn.flatMap((name) => {
      if (typeof name !== "string") return [`depends_on lists ${JSON.stringify(name)}, which is not a service name`];

      return serviceNames.has(name) ? [] : [unknown(name)];
    });
  }

  if (!isRecord(dependsOn)) return ["depends_on is neither a list of service names nor a mapping"];

  return Object.entries(dependsOn).flatMap(([name, options]) => {
    const problems = serviceNames.has(name) ? [] : [unknown(name)];

    if (!isRecord(options)) return [...problems, `depends_on.${name} is not a mapping (write condition: under it)`];

    if (options.condition !== undefined && !CONDITIONS.includes(String(options.condition))) {
      problems.push(
        `depends_on.${name}.condition is ${JSON.stringify(options.condition)}; use one of ${CONDITIONS.join(", ")}`,
      );
    }

    return problems;
  });
}

// Docker's own rule for volume names; anything else in the source position
// (./dir, /abs, ~/dir, ${VAR}) is a host path and needs no declaration.
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

function namedVolumesOf(volumes: unknown): string[] {
  if (!Array.isArray(volumes)) return [];

  return volumes.flatMap((volume) => {
    if (typeof volume === "string") {
      const [source, target] = volume.split(":");

      return target !== undefined && source !== undefined && VOLUME_NAME.test(source) ? [source] : [];
    }

    if (isRecord(volume) && volume.type === "volume" && typeof volume.source === "string") return [volume.source];

    return [];
  });
}

// [HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]
const PORT_MAPPING =
  /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):)?(?:(\d+(?:-\d+)?)?:)?(\d+(?:-\d+)?)(?:\/(?:tcp|udp|sctp))?$/;

function portProblems(ports: unknown): string[] {
  if (ports === undefined) return [];

  if (!Array.isArray(ports)) return ["ports is not a list"];

  return ports.flatMap((port) => {
    const problem = portProblem(port);

    return problem ? [`ports entry ${JSON.stringify(port)} ${problem}`] : [];
  });
}

function portProblem(port: unknown): string | undefined {
  if (typeof port === "number") return isPortNumber(port) ? undefined : "is not a port number between 1 and 65535";

  if (isRecord(port)) {
    if (typeof port.target !== "number" || !isPortNumber(port.target)) return "has no valid target: port";
    if (port.published !== undefined && !isPortRange(String(port.published))) return "has an invalid published: port";

    return undefined;
  }

  if (typeof port !== "string") return "is neither a string nor a number";

  // ${VAR} is only known once Compose interpolates it.
  if (port.includes("${")) return undefined;

  const match = PORT_MAPPING.exec(port);

  if (!match) return 'is not in the form "[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]"';

  const [, hostIp, hostPorts, containerPorts] = match;

  if (hostIp?.includes(".") && hostIp.split(".").some((octet) => Number(octet) > 255)) return "has an invalid host IP";
  if (hostPorts !== undefined && !isPortRange(hostPorts)) return "has an invalid host port";
  if (containerPorts === undefined || !isPortRange(containerPorts)) return "has an invalid container port";

  return undefined;
}

function isPortRange(text: string): boolean {
  const bounds = text.split("-").map(Number);
  const [start, end = start] = bounds;

  return (
    /^\d+(?:-\d+)?$/.test(text) &&
    start !== undefined &&
    end !== undefined &&
    isPortNumber(start) &&
    isPortNumber(end) &&
    start <= end
  );
}

function isPortNumber(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
