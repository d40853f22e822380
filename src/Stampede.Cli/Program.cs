using Stampede.Cli;
using Stampede.Cli.Hosting;

// `stampede run` executes only Stampede's own non-blocking code (quick URL tests and YAML flows), so socket
// completions can run inline on the socket engine's thread instead of hopping to the thread pool: on one core
// this took generator CPU from ~24 to ~17 µs per request. It must be set before the first socket exists, and the
// runtime reads it only from the environment. Commands that host user or server code in-process (demo, target,
// a C# plan's RunAsync) keep the default, where blocking code cannot stall other VUs' sockets. An explicit
// setting in the environment wins.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (args.Length > 0 && args[0] == "run" && Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

return await StampedeCli.RunAsync(args, new ConsoleHost());
