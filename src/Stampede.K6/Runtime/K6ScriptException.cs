using Jint.Runtime;
using Stampede.K6.Scripts;

namespace Stampede.K6.Runtime;

/// <summary>
/// An exception a script threw in an iteration, with where it was thrown, worded as k6 words it; the engine counts
/// it as the iteration's error and the VU goes on.
/// </summary>
internal sealed class K6ScriptException(JavaScriptException inner)
    : Exception(Describe(inner), inner)
{
    private static string Describe(JavaScriptException exception)
    {
        var location = exception.Location;
        var where = location.SourceFile is { Length: > 0 } file
            ? $" at {ScriptSources.Display(file)}:{location.Start.Line}:{location.Start.Column + 1}"
            : "";
        return $"{exception.Message}{where}";
    }
}
