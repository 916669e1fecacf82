// Loaded with NODE_OPTIONS=--import (node refuses --cpu-prof there): profiles this process from start
// to exit and writes a .cpuprofile (open it in Chrome DevTools) into BENCH_CPU_PROF.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  // A same-thread session answers synchronously, so this works inside 'exit'.
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(join(process.env.BENCH_CPU_PROF ?? '.', `bot-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
