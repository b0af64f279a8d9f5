/** The cookie that carries a saved quick scan from the anonymous result to sign-up and the new company. */
export const QUICK_SCAN_COOKIE = 'schild_quickscan';
