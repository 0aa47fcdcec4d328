import * as ff from '@google-cloud/functions-framework';
import { consoleHandler } from './handler';

ff.http('console', consoleHandler);
