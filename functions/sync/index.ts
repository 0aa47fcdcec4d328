import * as ff from '@google-cloud/functions-framework';
import { onSyncRequest } from './handler';

ff.cloudEvent('sync', onSyncRequest);
