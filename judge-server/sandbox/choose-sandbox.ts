/**
 * Picks the sandbox for an embedded judge: Docker when its engine answers and the sandbox image
 * is there (the real boundary), else the process sandbox (weaker: for your own or a trusted
 * partner's code). One log line says which and why; every result then carries the kind.
 */
import type Docker from 'dockerode';
import type { Sandbox, SandboxOutcome, SandboxRequest } from '../../judge-core/sandbox.js';
import { DockerSandbox } from './docker-sandbox.js';
import { ProcessSandbox } from './process-sandbox.js';

export type SandboxKind = 'docker' | 'process';

export interface ChooseSandboxOptions {
  image: string;
  tmpfsBytes: number;
  /** OCI runtime for Docker, e.g. runsc. */
  runtime?: string;
  /** `auto` (default): Docker when it answers. `docker`/`process`: that one or an error. */
  prefer?: 'auto' | SandboxKind;
  /** How long the Docker engine may take to answer before the process sandbox is used. */
  dockerTimeoutMs?: number;
  logger?: { info(message: string): void; warn(message: string): void };
  /** Tests pass a fake engine. */
  docker?: Docker;
}

export interface ChosenSandbox {
  sandbox: Sandbox;
  kind: SandboxKind;
  /** Why this one, in words (also logged). */
  reason: string;
}

export async function chooseSandbox(options: ChooseSandboxOptions): Promise<ChosenSandbox> {
  const prefer = options.prefer ?? 'auto';
  const logger = options.logger ?? { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
  let dockerProblem = 'the process sandbox was asked for';
  if (prefer !== 'process') {
    const docker = new DockerSandbox({
      image: options.image,
      tmpfsBytes: options.tmpfsBytes,
      ...(options.runtime ? { runtime: options.runtime } : {}),
      ...(options.docker ? { docker: options.docker } : {}),
    });
    try {
      await withTimeout(docker.ready(), options.dockerTimeoutMs ?? 3000, 'the Docker engine did not answer in time');
      const reason = `the Docker engine answered and image ${options.image} is present`;
      logger.info(`judge sandbox: docker (${reason})`);
      return { sandbox: labelled(docker, 'docker'), kind: 'docker', reason };
    } catch (error) {
      await docker.close();
      dockerProblem = error instanceof Error ? error.message : String(error);
      if (prefer === 'docker') throw error;
    }
  }
  const processSandbox = new ProcessSandbox({ tmpfsBytes: options.tmpfsBytes });
  await processSandbox.ready();
  const isolation = await processSandbox.capabilities();
  const strength = isolation.namespaces
    ? 'no network, only the runtimes\' files in view (not the repository or the catalog), own pid space'
    : 'NO network or filesystem isolation on this machine: submissions can read the catalog\'s hidden tests and answers';
  const reason = `${dockerProblem}; weaker than a container (${strength}), so judge only your own or a trusted partner's code`;
  logger.warn(`judge sandbox: process (${reason})`);
  for (const note of isolation.notes) logger.warn(`process sandbox: ${note}`);
  return { sandbox: processSandbox, kind: 'process', reason };
}

/** The same sandbox, saying which kind it is in every result (runJob copies `kind`). */
function labelled(sandbox: Sandbox, kind: SandboxKind): Sandbox {
  return {
    kind,
    run: (request: SandboxRequest): Promise<SandboxOutcome> => sandbox.run(request),
    ready: () => sandbox.ready(),
    close: () => sandbox.close(),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
