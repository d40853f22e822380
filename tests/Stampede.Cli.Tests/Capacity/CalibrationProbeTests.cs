using Stampede.Cli.Capacity;
using Stampede.Metrics;
using Stampede.Outputs;

namespace Stampede.Cli.Tests.Capacity;

/// <summary>The calibration's measurement, fed by a fake process probe and made-up seconds.</summary>
public sealed class CalibrationProbeTests
{
    private sealed class FakeProbe : IProcessProbe
    {
        public Queue<ProcessUsage> Readings { get; } = new();

        public ProcessUsage Read() => Readings.Dequeue();
    }

    private static LiveSnapshot Second(int second, int vus) =>
        new() { Second = second, Elapsed = TimeSpan.FromSeconds(second), Vus = vus, Metrics = new MetricRegistry() };

    [Fact]
    public void Measure_CpuBetweenTheFirstAndLastSecondWithVus_PerVuSecond_AndMemoryAtThePeakPerVu()
    {
        var probe = new FakeProbe();
        const long MiB = 1024 * 1024;
        probe.Readings.Enqueue(new ProcessUsage(TimeSpan.FromSeconds(5), 100 * MiB, 20 * MiB));   // before the run
        probe.Readings.Enqueue(new ProcessUsage(TimeSpan.FromSeconds(9), 110 * MiB, 25 * MiB));   // first second: warm-up, the baseline
        probe.Readings.Enqueue(new ProcessUsage(TimeSpan.FromSeconds(10), 120 * MiB, 30 * MiB));
        probe.Readings.Enqueue(new ProcessUsage(TimeSpan.FromSeconds(11), 115 * MiB, 28 * MiB));
        var calibration = new CalibrationProbe(probe);

        calibration.OnSecond(Second(0, 0));
        calibration.OnSecond(Second(1, 10));
        calibration.OnSecond(Second(2, 10));
        calibration.OnSecond(Second(3, 10));
        var measured = calibration.Measure().ShouldNotBeNull();

        measured.Vus.ShouldBe(10);
        measured.VuSeconds.ShouldBe(20);
        measured.CpuSecondsPerVuSecond.ShouldBe(2.0 / 20, tolerance: 1e-9);
        measured.BytesPerVu.ShouldBe(20.0 * MiB / 10);
        measured.GcHeapBytesPerVu.ShouldBe(10.0 * MiB / 10);
    }

    [Fact]
    public void Measure_FewerThanTwoSecondsWithVus_IsNothing()
    {
        var probe = new FakeProbe();
        probe.Readings.Enqueue(new ProcessUsage(TimeSpan.Zero, 0, 0));
        probe.Readings.Enqueue(new ProcessUsage(TimeSpan.FromSeconds(1), 1, 1));
        var calibration = new CalibrationProbe(probe);

        calibration.OnSecond(Second(1, 5));

        calibration.Measure().ShouldBeNull();
    }
}
