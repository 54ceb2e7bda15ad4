/**
 * mulberry32: a tiny, fast 32-bit seeded PRNG. Statistical quality is ample for bootstrap
 * resampling, and a fixed seed makes every confidence interval in a report reproducible.
 */
export type Rng = () => number;

/** Returns a generator of floats in [0, 1), fully determined by `seed`. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Default seed of every bootstrap in vmbench; changing it changes published intervals. */
export const DEFAULT_SEED = 0x5eed_1234;
