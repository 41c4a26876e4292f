// knot's queue-proxy in its own process, in front of the app at `userPort`.
import { startKnotQueueProxy } from '../knot-queue-proxy.js';
import { portSetting, run, runnerSettings } from './runner.js';

const { userPort } = runnerSettings((raw) => ({ userPort: portSetting(raw, 'userPort') }));

await run((signal) => startKnotQueueProxy(userPort, signal));
