import * as ff from '@google-cloud/functions-framework';
import { webhooksHandler } from './handler';

ff.http('webhooks', webhooksHandler);
