/**
 * Cache namespaces more than one function reads. The dashboard caches its warehouse answers under WAREHOUSE_CACHE,
 * and /health (the ops function) reports that cache's last refresh and last error as the warehouse's.
 */
export const WAREHOUSE_CACHE = 'warehouse';
