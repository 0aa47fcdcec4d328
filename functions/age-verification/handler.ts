import { createHttpHandler } from '@shared/http/router';
import { erasureRoute } from './erasure-route';
import { healthRoute } from './health-route';
import { idCheckRoute } from './id-check-route';
import { complianceMetricsRoute, statisticsRoute } from './report-routes';
import { statusRoute } from './status-route';
import { resubmitRoute, verifyRoute } from './verify-routes';

/** Every route of the age-verification function. */
export const ageVerificationRoutes = [
  verifyRoute,
  resubmitRoute,
  statusRoute,
  statisticsRoute,
  complianceMetricsRoute,
  idCheckRoute,
  healthRoute,
  erasureRoute,
];

/** The age-verification HTTP function. */
export const ageVerificationHandler = createHttpHandler({ name: 'age-verification', routes: ageVerificationRoutes });
