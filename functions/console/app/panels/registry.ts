import type { FunctionComponent } from 'preact';
import { AgeVerification } from './age-verification';
import { Integrations } from './integrations';
import { Memberships } from './memberships';
import { Notifications } from './notifications';
import { Overview } from './overview';
import { Products } from './products';
import { Raffles } from './raffles';
import { Webhooks } from './webhooks';

/** One panel of the console; `access` is the least role its APIs answer (customer: any signed-in caller). */
export interface Panel {
  id: string;
  title: string;
  access: 'admin' | 'customer';
  component: FunctionComponent;
}

export const PANELS: readonly Panel[] = [
  { id: 'overview', title: 'Overview', access: 'admin', component: Overview },
  { id: 'products', title: 'Products', access: 'customer', component: Products },
  { id: 'integrations', title: 'Integrations', access: 'admin', component: Integrations },
  { id: 'webhooks', title: 'Webhooks', access: 'admin', component: Webhooks },
  { id: 'memberships', title: 'Memberships', access: 'admin', component: Memberships },
  { id: 'age-verification', title: 'Age verification', access: 'admin', component: AgeVerification },
  { id: 'raffles', title: 'Raffles', access: 'customer', component: Raffles },
  { id: 'notifications', title: 'Notifications', access: 'admin', component: Notifications },
];
