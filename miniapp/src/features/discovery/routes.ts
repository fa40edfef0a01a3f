/** The discovery subpackage (search). */
export const searchPageUrl = '/packages/discovery/pages/search/index';
