namespace Stampede.Cli.Capacity;

/// <summary>What a short run of a plan on this machine measured: the cost of one VU.</summary>
/// <param name="Vus">The most VUs that ran at once.</param>
/// <param name="VuSeconds">VUs times seconds over the measured stretch (after the first second, which warms up).</param>
/// <param name="CpuSecondsPerVuSecond">CPU time the process spent per VU-second: 0.01 is 1% of a core per VU.</param>
/// <param name="BytesPerVu">Working set the process grew by, per VU at the peak.</param>
/// <param name="GcHeapBytesPerVu">GC heap the process grew by, per VU at the peak.</param>
/// <param name="Iterations">Iterations the run completed.</param>
internal sealed record Calibration(int Vus, double VuSeconds, double CpuSecondsPerVuSecond, double BytesPerVu, double GcHeapBytesPerVu, long Iterations);
