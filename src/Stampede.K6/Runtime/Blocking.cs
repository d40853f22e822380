namespace Stampede.K6.Runtime;

/// <summary>Waits on the VU's own thread for the engine's asynchronous protocol calls (k6's API is synchronous).</summary>
internal static class Blocking
{
    public static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    public static void Wait(Task task) => task.GetAwaiter().GetResult();

    public static void Wait(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        task.AsTask().GetAwaiter().GetResult();
    }
}
