import { execFile } from 'node:child_process';

/**
 * Runs `cmd` with `args` (`options` as for child_process.execFile; text output by default) and
 * resolves `{ code, stdout, stderr }` whatever the outcome, so a test asserts on `code` and
 * shows the output in its message. `code` is the exit code (0 on success), else the signal
 * that killed the process (also on `timeout`), else the reason it could not start (e.g.
 * 'ENOENT', with the error message as `stderr`).
 */
export function run(cmd, args = [], options = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', ...options }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      if (typeof error.code === 'number') return resolve({ code: error.code, stdout, stderr });
      if (error.signal) return resolve({ code: error.signal, stdout, stderr });
      resolve({ code: error.code, stdout, stderr: stderr || error.message });
    });
  });
}
