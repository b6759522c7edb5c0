/** Excel's own ceiling for one read request; bigger reads must be split by the caller. Its own module so a reader can know it without loading the file host. */
export const MAX_READ_CELLS = 5_000_000;
