/**
 * Global set-up of the integration and end-to-end tiers: the real services must be there. A
 * missing one fails the run with how to start it; nothing is skipped.
 */
import Docker from 'dockerode';
import { LANGUAGE_IDS } from '../../protocol/index.js';
import { imageFor } from '../../judge-server/sandbox/images.js';
import { portOpen } from './free-port.js';

const SANDBOX_IMAGE = process.env.SANDBOX_IMAGE ?? 'pairjudge/sandbox:latest';

export default async function requireServices(): Promise<void> {
  const problems: string[] = [];
  if (!(await portOpen(5672, 2000))) {
    problems.push('RabbitMQ is not answering on 127.0.0.1:5672: run `npm run setup` or `rabbitmq-server -detached`');
  }
  const docker = new Docker();
  try {
    await docker.ping();
    // One image per language family (sandbox-image/build.sh), named from SANDBOX_IMAGE.
    for (const image of new Set(LANGUAGE_IDS.map((language) => imageFor(SANDBOX_IMAGE, language)))) {
      try {
        await docker.getImage(image).inspect();
      } catch {
        problems.push(`the sandbox image ${image} is missing: run \`npm run build:sandbox\` (or \`npm run setup\`)`);
      }
    }
  } catch {
    problems.push('the Docker engine is not reachable: run `npm run setup` or `setsid dockerd >/var/log/dockerd.log 2>&1 &`');
  }
  if (problems.length > 0) {
    throw new Error(`required services are missing:\n  - ${problems.join('\n  - ')}`);
  }
}
