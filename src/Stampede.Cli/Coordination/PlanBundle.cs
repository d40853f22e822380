using Stampede.Plans;

namespace Stampede.Cli.Coordination;

/// <summary>
/// The files beside a plan that a coordinator hands its workers with the plan: everything below the plan's folder
/// (data files, a k6 script's local imports and the files it opens), so a worker on another machine reads what the
/// coordinator's machine holds. Hidden folders and build or package folders are left out; the whole is capped so a
/// plan kept in a crowded folder is refused at the start rather than choking every join.
/// </summary>
internal static class PlanBundle
{
    /// <summary>The most the files may add up to.</summary>
    public const long MaxBytes = 16L * 1024 * 1024;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    /// <summary>The files below <paramref name="planFile"/>'s folder, the plan itself excepted; null, with the reason in <paramref name="errors"/>, when they are too many bytes.</summary>
    public static IReadOnlyList<BundledFile>? Collect(string planFile, List<PlanError> errors)
    {
        var plan = Path.GetFullPath(planFile);
        var root = Path.GetDirectoryName(plan)!;
        var files = new List<BundledFile>();
        long total = 0;
        foreach (var path in Walk(root))
        {
            if (string.Equals(path, plan, StringComparison.Ordinal))
            {
                continue;
            }

            var size = new FileInfo(path).Length;
            total += size;
            if (total > MaxBytes)
            {
                errors.Add(new PlanError("", $"the files beside the plan, which the coordinator sends to every worker, are more than {MaxBytes / (1024 * 1024)} MB (at {Path.GetRelativePath(root, path)}): keep the plan and its data files in a folder of their own", new SourceLocation(planFile)));
                return null;
            }

            files.Add(new BundledFile(Path.GetRelativePath(root, path).Replace('\\', '/'), Convert.ToBase64String(File.ReadAllBytes(path))));
        }

        return files;
    }

    /// <summary>Writes <paramref name="files"/> below <paramref name="folder"/>; a path that would leave it is refused.</summary>
    /// <exception cref="InvalidDataException">A path is absolute or climbs out of the folder.</exception>
    public static void Unpack(IReadOnlyList<BundledFile> files, string folder)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        foreach (var file in files)
        {
            var target = Path.GetFullPath(Path.Combine(root, file.Path));
            if (Path.IsPathRooted(file.Path) || !target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"the coordinator sent a file outside the plan's folder: '{file.Path}'");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, Convert.FromBase64String(file.Content));
        }
    }

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(file).StartsWith('.'))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith('.') || SkippedFolders.Contains(name) || new DirectoryInfo(sub).LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in Walk(sub))
            {
                yield return file;
            }
        }
    }
}
