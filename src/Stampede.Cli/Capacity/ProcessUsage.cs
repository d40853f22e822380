namespace Stampede.Cli.Capacity;

/// <summary>What this process has used so far: CPU time, and the memory it holds now (working set and GC heap).</summary>
internal readonly record struct ProcessUsage(TimeSpan CpuTime, long WorkingSetBytes, long GcHeapBytes);

/// <summary>Reads this process's usage; the calibration's arithmetic is tested with a fake one.</summary>
internal interface IProcessProbe
{
    ProcessUsage Read();
}

/// <summary>The running process, as the operating system and the GC count it.</summary>
internal sealed class SelfProcessProbe : IProcessProbe
{
    public ProcessUsage Read()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new ProcessUsage(process.TotalProcessorTime, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}
