import type { FunctionComponent } from 'preact';
import { Overview } from './overview';
import { Products } from './products';

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
];
