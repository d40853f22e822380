using System.Runtime.InteropServices;

namespace Stampede.Execution.Executors;

/// <summary>
/// Sleeps for less than a millisecond without spinning. <see cref="Thread.Sleep(TimeSpan)"/> rounds to whole
/// milliseconds; Linux's <c>nanosleep</c> wakes within about 50–100 µs of the asked time (a few µs with tightened timer slack) and leaves the core
/// to the VUs meanwhile, which matters when the generator has one core and thousands of arrivals a second.
/// </summary>
internal static partial class PreciseSleep
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA5392 // a plain blittable call; the generated marshaller would add nothing
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);
#pragma warning restore SYSLIB1054, CA5392

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA5392
    private static extern int Prctl(int option, nuint value, nuint arg3, nuint arg4, nuint arg5);
#pragma warning restore SYSLIB1054, CA5392

    private const int PrSetTimerSlack = 29;

    /// <summary>
    /// Lets the calling thread's sleeps end within a microsecond or so of the asked time. Linux adds up to 50 µs of
    /// "timer slack" to every sleep of an ordinary thread to batch wake-ups; the arrival scheduler paces its own
    /// wake-ups and wants them where it asked.
    /// </summary>
    public static void TightenTimerSlack()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Prctl(PrSetTimerSlack, 1000, 0, 0, 0);
        }
    }

    public static void For(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            Thread.Yield();
            return;
        }

        var request = new TimeSpec { Seconds = duration.Ticks / TimeSpan.TicksPerSecond, Nanoseconds = duration.Ticks % TimeSpan.TicksPerSecond * 100 };
        NanoSleep(ref request, IntPtr.Zero);
    }
}
