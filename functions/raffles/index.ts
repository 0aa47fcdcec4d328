import * as ff from '@google-cloud/functions-framework';
import { rafflesHandler } from './handler';

ff.http('raffles', rafflesHandler);
