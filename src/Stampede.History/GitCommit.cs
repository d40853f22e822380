using System.Diagnostics;

namespace Stampede.History;

/// <summary>The git commit a run was made from, when it was started inside a git checkout.</summary>
public static class GitCommit
{
    /// <summary>
    /// <c>git rev-parse HEAD</c> in <paramref name="directory"/>, or null when no <c>.git</c> is found there or
    /// above, git is not installed, or it does not answer within 5 seconds.
    /// </summary>
    public static string? Read(string directory)
    {
        if (!InCheckout(directory))
        {
            return null;
        }

        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
                return null;
            }

            var commit = output.GetAwaiter().GetResult().Trim();
            return process.ExitCode == 0 && commit.Length >= 7 && commit.All(char.IsAsciiHexDigit) ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static bool InCheckout(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var marker = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return true;
            }
        }

        return false;
    }
}
