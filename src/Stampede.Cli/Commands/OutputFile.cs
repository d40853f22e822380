using Stampede.Cli.Hosting;

namespace Stampede.Cli.Commands;

/// <summary>A file a run writes beside its outputs (summary export, handleSummary files).</summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> or <paramref name="bytes"/>; false, with the reason on stderr, when it could not.</summary>
    public static async Task<bool> WriteAsync(IConsoleHost host, string path, string? text, byte[]? bytes)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            if (bytes is not null)
            {
                await File.WriteAllBytesAsync(path, bytes).ConfigureAwait(false);
            }
            else
            {
                await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            host.Error.WriteLine($"error: could not write {path}: {exception.Message}");
            return false;
        }
    }
}
