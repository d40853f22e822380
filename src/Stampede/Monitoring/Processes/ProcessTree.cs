namespace Stampede.Monitoring.Processes;

/// <summary>
/// Reads a process and its descendants from Linux <c>/proc</c>. A target started through a shell
/// (<c>sh -c "…"</c>) is often a child of the shell, so resources are summed over the whole tree.
/// </summary>
internal static class ProcessTree
{
    /// <summary>Linux reports CPU time in USER_HZ ticks, which the kernel ABI fixes at 100 a second on every architecture it supports.</summary>
    public const double TicksPerSecond = 100;

    public static bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>The stats of <paramref name="root"/> and every descendant; empty when it is gone.</summary>
    public static IReadOnlyList<ProcessStat> Read(int root)
    {
        var all = new Dictionary<int, ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }

            if (TryReadStat(directory, out var stat))
            {
                all[stat.Pid] = stat;
            }
        }

        if (!all.ContainsKey(root))
        {
            return [];
        }

        var children = all.Values.ToLookup(s => s.ParentPid);
        var tree = new List<ProcessStat>();
        var pending = new Stack<int>([root]);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (all.TryGetValue(pid, out var stat) && tree.Count < 10_000)
            {
                tree.Add(stat);
                foreach (var child in children[pid])
                {
                    pending.Push(child.Pid);
                }
            }
        }

        return tree;
    }

    /// <summary>Open file descriptors of <paramref name="pid"/>, or null when they cannot be read (gone, or not ours).</summary>
    public static int? OpenFds(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryReadStat(string directory, out ProcessStat stat)
    {
        stat = default;
        try
        {
            return ProcessStat.TryParse(File.ReadAllText(Path.Combine(directory, "stat")), out stat);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;   // the process ended between listing and reading
        }
    }
}
