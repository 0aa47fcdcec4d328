import * as ff from '@google-cloud/functions-framework';
import { dashboardHandler } from './handler';

ff.http('dashboard', dashboardHandler);
