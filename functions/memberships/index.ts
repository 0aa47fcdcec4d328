import * as ff from '@google-cloud/functions-framework';
import { membershipsHandler } from './handler';

ff.http('memberships', membershipsHandler);
