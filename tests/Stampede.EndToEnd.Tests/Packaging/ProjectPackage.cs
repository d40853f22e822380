using System.Reflection;
using Stampede.Cli;

namespace Stampede.EndToEnd.Tests.Packaging;

/// <summary>
/// Packs a project of this checkout with <c>dotnet pack</c> from the binaries the tests were built with
/// (<c>--no-build</c>, the same configuration), so a test packs what was built and the build itself packs nothing.
/// </summary>
internal static class ProjectPackage
{
    private static readonly string Configuration =
        typeof(StampedeCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>Packs <paramref name="project"/> (a folder under the checkout, e.g. src/Stampede) into <paramref name="feed"/>; returns the .nupkg's path.</summary>
    public static async Task<string> PackAsync(string project, string feed)
    {
        var root = RepositoryRoot.Find();
        var pack = await ProcessRun.RunAsync(
            "dotnet", ["pack", Path.Combine(root, project), "-c", Configuration, "--no-build", "-o", feed, "-nologo", "-nodeReuse:false"],
            root, TimeSpan.FromMinutes(3));
        if (pack.Exit != 0)
        {
            throw new InvalidOperationException($"dotnet pack {project} exited {pack.Exit}:\n{pack.Output}");
        }

        return Directory.GetFiles(feed, "*.nupkg").Single();
    }

    /// <summary>The version in a package's file name: Stampede.Cli.1.2.3.nupkg → 1.2.3.</summary>
    public static string Version(string nupkg, string id) => Path.GetFileNameWithoutExtension(nupkg)[(id.Length + 1)..];
}
