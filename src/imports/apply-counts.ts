/** What an import changed. */
export interface ApplyCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Open items settled because a snapshot file no longer lists them. */
  readonly settled: number;
}
