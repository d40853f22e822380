using Stampede.Execution;
using Stampede.Metrics;

namespace Stampede.K6.Runtime;

/// <summary>Runs a protocol call with a request's own tags live, so what it records carries them; the VU's tags come back after.</summary>
internal static class Tagged
{
    public static T Run<T>(VuContext vu, TagSet? tags, Func<T> call)
    {
        if (tags is null)
        {
            return call();
        }

        var previous = vu.SwapTags(tags);
        try
        {
            return call();
        }
        finally
        {
            vu.SwapTags(previous);
        }
    }
}
