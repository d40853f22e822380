namespace Stampede.Testing;

/// <summary>Where tests keep what a person may want to look at afterwards (reports, screenshots): TestResults/ beside the test binaries.</summary>
public static class ArtifactFolder
{
    public static string For(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
