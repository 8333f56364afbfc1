/** Heap and RSS seen while a stream was consumed, in bytes. */
export interface MemoryReport {
  baselineHeap: number;
  baselineRss: number;
  peakHeap: number;
  peakRss: number;
  samples: number;
}

/**
 * Samples memory during consumption: on a delta, at most every `intervalMs`, it forces a full
 * GC (needs `--expose-gc`) so `heapUsed` is what the consumer retains, not garbage not yet
 * collected.
 */
export class MemorySampler {
  private readonly gc: () => void;
  private report: MemoryReport;
  private lastSampleAt = 0;

  constructor(private readonly intervalMs = 25) {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('MemorySampler needs node --expose-gc');
    this.gc = gc;
    gc();
    const usage = process.memoryUsage();
    this.report = {
      baselineHeap: usage.heapUsed,
      baselineRss: usage.rss,
      peakHeap: usage.heapUsed,
      peakRss: usage.rss,
      samples: 0,
    };
  }

  /** Call on every delta; cheap unless a sample is due. */
  tick(): void {
    const now = performance.now();
    if (now - this.lastSampleAt < this.intervalMs) return;
    this.sample();
    this.lastSampleAt = performance.now();
  }

  /** Takes a sample now (also call once at the end of the stream). */
  sample(): void {
    this.gc();
    const usage = process.memoryUsage();
    this.report.peakHeap = Math.max(this.report.peakHeap, usage.heapUsed);
    this.report.peakRss = Math.max(this.report.peakRss, usage.rss);
    this.report.samples += 1;
  }

  get result(): MemoryReport {
    return { ...this.report };
  }
}
