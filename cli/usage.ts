/**
 * The command line's help text, its exit codes and the error for bad usage. Each exit code means
 * one thing, so scripts and CI can act on it without reading the text.
 */

import { LANGUAGE_IDS, LANGUAGES } from '../protocol/index.js';

export const EXIT_ACCEPTED = 0;
/** Judged, and the verdict is anything but accepted. */
export const EXIT_NOT_ACCEPTED = 1;
/** Bad usage: an unknown command or option, a missing or bad argument. */
export const EXIT_USAGE = 2;
/** The judge could not be reached (no answer at --server, or no sandbox on this machine). */
export const EXIT_UNREACHABLE = 3;

/** Bad usage. The message names the argument that is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `pairjudge: judge a solution, list the catalog, or host a session on this network

usage:
  pairjudge submit FILE --challenge ID [--language L] [--mode run|submit]
                        [--local] [--server URL] [--json]
  pairjudge challenges [--local] [--server URL] [--json]
  pairjudge host [--port 9190] [--address ADDR] [--name NAME]
  pairjudge token create ...
  pairjudge help

submit      judges FILE against a challenge's tests and prints the verdict and a row per test.
  --challenge ID    the challenge (see \`pairjudge challenges\`); required
  --language L      ${LANGUAGE_IDS.join(', ')}; by default from FILE's extension
                    (${LANGUAGE_IDS.map((id) => `.${LANGUAGES[id].extension}`).join(' ')}, and .mjs .cjs for javascript)
  --mode M          run: the visible tests; submit (default): all tests, hidden ones included
  --local           judge here, in this process, with the catalog in challenges/ (Docker when
                    its engine answers, else a process sandbox): no gateway, broker or network
  --server URL      the judge to use without --local (default http://127.0.0.1:8080)
  --json            print only the result object of contract v1 on stdout
challenges  lists the catalog (of --server, or of challenges/ with --local).
host        serves the browser app, pairing and a judge on this network, advertised by mDNS.
  --port N          default 9190 (0: any free port)
  --address ADDR    the address to listen on (default 0.0.0.0: every interface); an address
                    also limits the mDNS advertisement to its interface
  --name NAME       the name others see when browsing (default "PairJudge on <hostname>")

exit codes: 0 accepted, 1 judged but not accepted, 2 bad usage, 3 judge unreachable
`;
