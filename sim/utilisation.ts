/** Busy time and batch size over a sliding window of simulated time, for DCGM's gauges. */

const WINDOW_S = 2;

interface Sample {
  endS: number;
  busyS: number;
  batch: number;
}

export class UtilisationMeter {
  private samples: Sample[] = [];
  private activeEnergyJ = 0;

  constructor(
    private readonly startS: number,
    private readonly idleWatts: number,
    private readonly activeWatts: (batch: number) => number,
  ) {}

  record(endS: number, busyS: number, batch: number): void {
    this.samples.push({ endS, busyS, batch });
    this.activeEnergyJ += (this.activeWatts(batch) - this.idleWatts) * busyS;
    if (this.samples.length > 4096) this.prune(endS);
  }

  read(nowS: number): { utilisation: number; meanBatch: number } {
    this.prune(nowS);
    let busy = 0;
    let weightedBatch = 0;
    for (const sample of this.samples) {
      busy += sample.busyS;
      weightedBatch += sample.batch * sample.busyS;
    }
    return { utilisation: Math.min(1, busy / WINDOW_S), meanBatch: busy > 0 ? weightedBatch / busy : 0 };
  }

  /** Per card, since start: idle draw all the time plus the extra draw of every busy step. */
  energyJoules(nowS: number): number {
    return this.idleWatts * Math.max(0, nowS - this.startS) + this.activeEnergyJ;
  }

  private prune(nowS: number): void {
    const from = nowS - WINDOW_S;
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop]?.endS ?? 0) < from) drop++;
    if (drop > 0) this.samples = this.samples.slice(drop);
  }
}
