#!/usr/bin/env node
// The `pairjudge` command (package.json `bin`; `npx pairjudge` in the repository). It runs the
// TypeScript of cli/ through tsx's loader, so nothing needs building between a fresh clone and
// the command.
import { register } from 'tsx/esm/api';

register();
const { runCommandLine } = await import('../cli/main.js');
await runCommandLine(process.argv.slice(2));
