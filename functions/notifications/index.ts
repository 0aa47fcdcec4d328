import * as ff from '@google-cloud/functions-framework';
import { notificationsHandler } from './handler';

ff.http('notifications', notificationsHandler);
