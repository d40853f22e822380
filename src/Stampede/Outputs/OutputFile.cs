using System.Text;

namespace Stampede.Outputs;

/// <summary>Writes an output's file beside its final name and renames it, so a reader never sees half a file.</summary>
internal static class OutputFile
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void EnsureFolder(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    public static async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        EnsureFolder(path);
        var temporary = path + ".partial";
        await File.WriteAllTextAsync(temporary, text, Utf8, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
