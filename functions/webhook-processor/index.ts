import * as ff from '@google-cloud/functions-framework';
import { onWebhookEvent } from './handler';

ff.cloudEvent('webhook-processor', onWebhookEvent);
