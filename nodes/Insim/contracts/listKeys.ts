/** Where any list may be, after the resource's own key: the usual alternatives. */
export const GENERIC_LIST_KEYS = ['data', 'items', 'results'];
