// How many of a revision's pods to scrape each second (Knative's populationMeanSampleSize):
// the sample that estimates the mean with 95% confidence and a margin of error of 5,
// assuming a variance of 100, corrected for a finite population.

/** X = 1.96² × 100 / 5² = 15.3664. */
export const UNBOUNDED_SAMPLE_SIZE = (1.96 * 1.96 * 100) / (5 * 5);

/** All pods up to 3; above that ceil(N·X / (N + X − 1)). */
export function sampleSize(pods: number): number {
  if (pods <= 3) return Math.max(0, pods);
  return Math.ceil((pods * UNBOUNDED_SAMPLE_SIZE) / (pods + UNBOUNDED_SAMPLE_SIZE - 1));
}
