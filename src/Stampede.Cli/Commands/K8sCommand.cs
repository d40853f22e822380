using System.CommandLine;
using Stampede.Cli.Hosting;
using Stampede.Cli.Kubernetes;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede k8s</c>: a coordinated run on Kubernetes. <c>render</c> prints the manifests (for GitOps and
/// <c>kubectl apply</c>); <c>run</c> applies them, follows the run, takes its merged result and cleans up.
/// </summary>
internal static class K8sCommand
{
    public static Command Create(IConsoleHost host) =>
        new("k8s", "Run a plan on Kubernetes: a coordinator and an Indexed Job of workers, each running a segment.")
        {
            Render(host),
        };

    private static Command Render(IConsoleHost host)
    {
        var options = new K8sOptions();
        var command = new Command("render", "Print the manifests of a Kubernetes run (ConfigMap, Secret, coordinator Service and Job, workers' Indexed Job) as YAML.");
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var errors = new List<PlanError>();
            var deployment = options.Read(parse, host, uniqueName: false, errors);
            if (deployment is null)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            host.Out.Write(ManifestYaml.Write(K8sManifests.Build(deployment)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
