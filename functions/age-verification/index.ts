import * as ff from '@google-cloud/functions-framework';
import { ageVerificationHandler } from './handler';

ff.http('age-verification', ageVerificationHandler);
