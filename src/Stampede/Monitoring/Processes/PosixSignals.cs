using System.Diagnostics;

namespace Stampede.Monitoring.Processes;

/// <summary>
/// SIGTERM for a graceful stop: .NET's <see cref="Process.Kill()"/> only sends SIGKILL. Sent through the system's
/// <c>kill</c> command, which keeps the library free of unsafe interop.
/// </summary>
internal static class PosixSignals
{
    /// <summary>Asks every process in <paramref name="pids"/> to terminate; false when none could be signalled.</summary>
    public static async Task<bool> TerminateAsync(IReadOnlyCollection<int> pids)
    {
        if (OperatingSystem.IsWindows() || pids.Count == 0)
        {
            return false;
        }

        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-TERM");
        foreach (var pid in pids)
        {
            info.ArgumentList.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            using var kill = Process.Start(info);
            if (kill is null)
            {
                return false;
            }

            await kill.StandardError.ReadToEndAsync().ConfigureAwait(false);
            await kill.WaitForExitAsync().ConfigureAwait(false);
            return true;   // a non-zero exit only means some process had already gone
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
