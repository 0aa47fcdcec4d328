import * as ff from '@google-cloud/functions-framework';
import { opsHandler } from './handler';

ff.http('ops', opsHandler);
