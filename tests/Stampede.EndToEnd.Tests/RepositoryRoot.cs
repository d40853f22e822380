namespace Stampede.EndToEnd.Tests;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds Stampede.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Stampede.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Stampede.sln not found above the test binaries");
    }
}
