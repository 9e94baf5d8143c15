/**
 * A throwaway PostgreSQL cluster for tests and the load test: `initdb` in a temporary
 * directory, `pg_ctl start` on a free loopback port (its unix socket in the same directory),
 * one database created, everything removed by `stop()`.
 *
 *   const pg = await startPostgres();       // { url, adminUrl, createDatabase(name), stop() }
 *
 * Debian's server refuses to run as root, so as root every server command runs as the
 * `postgres` user the package creates (`runuser -u postgres -- …`) in a directory it owns.
 * Missing binaries are an error that names the fix, never a skipped test.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, pg_ctl and postgres. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(root, v, 'bin', b))))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      'PostgreSQL server binaries not found (/usr/lib/postgresql/<version>/bin/initdb). ' +
        'Install them: apt-get install postgresql (the collector tests and bench need a real server).',
    );
  }
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** `[cmd, args]` that runs `bin` as the postgres user when we are root. */
function asServerUser(bin, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function exec(bin, args, options = {}) {
  const [cmd, argv] = asServerUser(bin, args);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: 'utf8', timeout: 60_000, ...options }, (error, stdout, stderr) => {
      if (error) {
        error.message = `${bin.split('/').pop()} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`;
        return reject(error);
      }
      resolve(stdout);
    });
  });
}

/**
 * Starts a cluster and creates `database`. `fast` (the default, for tests) turns off fsync and
 * synchronous commit; the load test passes `fast: false` to measure a durable server.
 * Resolves `{ url, adminUrl, port, dir, createDatabase(name) → url, stop() }`.
 */
export async function startPostgres({ database = 'hcp', fast = true, settings = {} } = {}) {
  const bin = postgresBinDir();
  let uid;
  let gid;
  if (isRoot) {
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      throw new Error('running as root, but there is no `postgres` user to run the server as: apt-get install postgresql creates it');
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'hcp-pg-'));
  if (isRoot) chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const options = { cwd: dir };
  let started = false;
  const stopSync = () => {
    if (started) {
      const [cmd, argv] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      try {
        execFileSync(cmd, argv, { stdio: 'ignore', cwd: dir, timeout: 30_000 });
      } catch {
        // already gone
      }
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that dies without calling stop() must not leave a server behind.
  process.once('exit', stopSync);
  try {
    await exec(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], options);
    const all = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${dir}'`,
      max_connections: '200',
      ...(fast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
      ...settings,
    };
    const serverOptions = Object.entries(all).map(([k, v]) => `-c ${k}=${v}`).join(' ');
    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await exec(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', `-p ${port} ${serverOptions}`, 'start'], options);
        started = true;
        break;
      } catch (error) {
        // Another process may have taken the port between freePort() and the server's bind.
        const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (attempt >= 3 || !/could not bind|Address already in use/.test(serverLog)) throw new Error(`${error.message}\n${serverLog}`);
      }
    }
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const createDatabase = async (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name must be a plain identifier: ${name}`);
      await exec(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`], options);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    const url = await createDatabase(database);
    return {
      url,
      adminUrl,
      port,
      dir,
      createDatabase,
      stop: async () => {
        process.removeListener('exit', stopSync);
        if (started) {
          await exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], options).catch(() => {});
          started = false;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}
