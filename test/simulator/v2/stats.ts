// v2 endpoints of this resource (see insim-api-v2.md §2).
import type { V2Handler } from './common';

export const routes: Record<string, V2Handler> = {};
