/**
 * The cookie a staff member's magic link sets: it opens the /learn pages only. __Host- pins it to this host, path /
 * and HTTPS (RFC 6265bis §4.1.3.2), like the session cookie. Shared by the training pages and the privacy page.
 */
export const learnerCookieName = (secure: boolean) => (secure ? '__Host-schild_learner' : 'schild_learner');
