namespace Stampede.Testing;

/// <summary>
/// Our users' k6 api-suite, which lives beside the checkout (in <c>shared/k6/api-suite</c> above it) and is never
/// copied into the project: it is their code. Tests that run it skip when it is not there.
/// </summary>
public static class UsersK6Suite
{
    /// <summary>The suite's folder, found by walking up from the test assembly, or null when it is not beside this checkout.</summary>
    public static string? Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "k6", "api-suite");
            if (File.Exists(Path.Combine(candidate, "api-missions.js")))
            {
                return candidate;
            }
        }

        return null;
    }
}
