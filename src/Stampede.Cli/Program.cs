using Stampede.Cli;
using Stampede.Cli.Hosting;

return await StampedeCli.RunAsync(args, new ConsoleHost());
