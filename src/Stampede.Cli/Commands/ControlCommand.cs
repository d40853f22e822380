using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using Stampede.Cli.Dashboard;
using Stampede.Cli.Hosting;
using Stampede.Plans;

namespace Stampede.Cli.Commands;

/// <summary>
/// <c>stampede control URL --stop | --pause | --resume | --vus N [--ramp R] | --rate R</c>: steers a run that
/// serves a dashboard, as its page's buttons do. The token comes from <c>--token</c> or from the address the run
/// printed (<c>…/#token=…</c>).
/// </summary>
internal static class ControlCommand
{
    public static Command Create(IConsoleHost host)
    {
        var url = new Argument<string>("url") { Description = "The dashboard's address, as the run printed it (http://127.0.0.1:5665/#token=…)." };
        var token = new Option<string?>("--token") { Description = "The dashboard's token (default: the one in the address)." };
        var stop = new Option<bool>("--stop") { Description = "Stop the run gracefully (running iterations may finish within gracefulStop)." };
        var pause = new Option<bool>("--pause") { Description = "Pause: start no more iterations until --resume." };
        var resume = new Option<bool>("--resume") { Description = "Resume a paused run." };
        var vus = new Option<int?>("--vus") { Description = "VU-based scenarios: run this many VUs from now on." };
        var ramp = new Option<double?>("--ramp") { Description = "With --vus: move towards the new count at this many VUs per second (default: at once)." };
        var rate = new Option<double?>("--rate") { Description = "Arrival-rate scenarios: start this many iterations per second from now on." };
        var command = new Command("control", "Steer a running test that serves a dashboard (--dashboard): stop, pause, resume, change VUs or rate.") { url, token, stop, pause, resume, vus, ramp, rate };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var requests = new List<ControlRequest>();
            if (parse.GetValue(stop))
            {
                requests.Add(new ControlRequest(ControlRequest.Stop));
            }

            if (parse.GetValue(pause))
            {
                requests.Add(new ControlRequest(ControlRequest.Pause));
            }

            if (parse.GetValue(resume))
            {
                requests.Add(new ControlRequest(ControlRequest.Resume));
            }

            if (parse.GetValue(vus) is { } count)
            {
                requests.Add(new ControlRequest(ControlRequest.SetVus, Vus: count, Ramp: parse.GetValue(ramp)));
            }

            if (parse.GetValue(rate) is { } perSecond)
            {
                requests.Add(new ControlRequest(ControlRequest.SetRate, Rate: perSecond));
            }

            var errors = new List<PlanError>();
            if (requests.Count != 1)
            {
                errors.Add(new PlanError("control", requests.Count == 0
                    ? "say what to do: --stop, --pause, --resume, --vus N [--ramp R] or --rate R"
                    : "one action at a time: --stop, --pause, --resume, --vus or --rate"));
            }

            if (parse.GetValue(ramp) is not null && parse.GetValue(vus) is null)
            {
                errors.Add(new PlanError("--ramp", "goes with --vus"));
            }

            var text = parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                errors.Add(new PlanError("control", $"'{text}' is not a dashboard address (http://127.0.0.1:5665/)"));
            }

            var given = parse.GetValue(token) ?? (address is null ? null : TokenIn(address));
            if (given is null)
            {
                errors.Add(new PlanError("--token", "give the dashboard's token (--token, or the address the run printed with #token=…)"));
            }

            if (errors.Count > 0)
            {
                ErrorReport.Write(host.Error, errors);
                return ExitCodes.BadInput;
            }

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(address!.GetLeftPart(UriPartial.Authority)), DashboardServer.ControlPath))
            {
                Content = new StringContent(requests[0].ToJson(), Encoding.UTF8, "application/json"),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", given);
            try
            {
                using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
                var answer = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
                if (response.IsSuccessStatusCode)
                {
                    host.Out.WriteLine(answer);
                    return ExitCodes.Ok;
                }

                host.Error.WriteLine($"error: the dashboard refused ({(int)response.StatusCode}): {answer}");
                return ExitCodes.Failure;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                host.Error.WriteLine($"error: no dashboard answered at {address.GetLeftPart(UriPartial.Authority)}: {exception.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static string? TokenIn(Uri address)
    {
        foreach (var part in new[] { address.Fragment, address.Query })
        {
            foreach (var pair in part.TrimStart('#', '?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("token=", StringComparison.Ordinal))
                {
                    return Uri.UnescapeDataString(pair["token=".Length..]);
                }
            }
        }

        return null;
    }
}
