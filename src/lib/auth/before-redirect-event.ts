/** Fired on window just before Quarry navigates away to sign in: save unsent work now. */
export const BEFORE_REDIRECT_EVENT = 'quarry:before-redirect';
