import * as ff from '@google-cloud/functions-framework';
import { onJob } from './handler';

ff.cloudEvent('jobs', onJob);
