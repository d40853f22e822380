using System.Globalization;

namespace Stampede.Monitoring.Processes;

/// <summary>The fields of a Linux <c>/proc/&lt;pid&gt;/stat</c> line that resource sampling needs.</summary>
internal readonly record struct ProcessStat(int Pid, int ParentPid, long CpuTicks, int Threads, long RssPages)
{
    /// <summary>
    /// Parses a stat line. The command name (field 2) sits in parentheses and may itself contain spaces and
    /// parentheses, so the fixed fields are counted from the last <c>')'</c>.
    /// </summary>
    public static bool TryParse(string line, out ProcessStat stat)
    {
        stat = default;
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open
            || !int.TryParse(line.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        // After the name: state(3) ppid(4) … utime(14) stime(15) … num_threads(20) … rss(24).
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 22
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            || !int.TryParse(fields[17], NumberStyles.None, CultureInfo.InvariantCulture, out var threads)
            || !long.TryParse(fields[21], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rss))
        {
            return false;
        }

        stat = new ProcessStat(pid, ppid, utime + stime, threads, rss);
        return true;
    }
}
