// How the servers' Node processes run: `npm start` starts them so, and the benchmarks start the
// servers they measure the same way, so that a figure is one an operator would see.
import os from 'node:os';

export type ServerRuntime = { env: Record<string, string>; nodeArgs: string[] };

export function serverRuntime(cores = os.availableParallelism()): ServerRuntime {
  return {
    // argon2, SQLite and token signing share libuv's thread pool (4 threads by default), and
    // hashing may take one thread per core: two more keep queries and signatures flowing during
    // a burst of logins on machines with 4 cores or more.
    env: { UV_THREADPOOL_SIZE: String(cores + 2) },
    // During a burst of logins every core hashes passwords (one hash per core at most), so V8's
    // helper threads for garbage collection only take CPU from the hashes and coordinating them
    // costs more than it saves: collecting on the JS thread alone gave about 2 % more logins per
    // second on 2 cores (bench/RESULTS.md). Past 4 cores the JS thread is the one that runs out
    // first, and parallel collection helps it.
    nodeArgs: cores <= 4 ? ['--single-threaded-gc'] : [],
  };
}
