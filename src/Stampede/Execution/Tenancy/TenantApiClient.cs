using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stampede.Plans.Tenants;

namespace Stampede.Execution.Tenancy;

/// <summary>The values a <see cref="TenantCall"/>'s placeholders stand for.</summary>
internal readonly record struct TenantCallValues(string Org, decimal? Budget = null, string? Email = null, string? User = null, string? Key = null);

/// <summary>What one tenancy call answered: its status and its body as JSON (when it was JSON).</summary>
internal sealed record TenantCallAnswer(int Status, JsonElement? Json, string Text)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>What went wrong, for a report: the status and the start of the body.</summary>
    public string Describe() => $"{Status} {(Text.Length > 200 ? Text[..200] + "…" : Text)}".TrimEnd();
}

/// <summary>
/// Sends the tenancy API's calls on a connection pool of its own, outside the VUs and their metrics: setup and cleanup
/// are not the load under test.
/// </summary>
internal sealed partial class TenantApiClient(Uri baseUrl, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = baseUrl, Timeout = timeout };

    public async Task<TenantCallAnswer> SendAsync(TenantCall call, TenantCallValues values, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), Render(call.Path, values, escapeJson: false));
        if (call.Body is { } body)
        {
            request.Content = new StringContent(Render(body, values, escapeJson: true), Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement? json = null;
        if (text.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // not JSON: the caller reports the text
            }
        }

        return new TenantCallAnswer((int)response.StatusCode, json, text);
    }

    /// <summary>Whether an answer means the thing is gone (deleted now or before), so a retry is pointless.</summary>
    public static bool IsGone(TenantCallAnswer answer) => answer.Succeeded || answer.Status == (int)HttpStatusCode.NotFound;

    internal static string Render(string text, TenantCallValues values, bool escapeJson) =>
        Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name == "budget")
            {
                // A number, or JSON's null: the body's author places it unquoted.
                return values.Budget is { } budget ? budget.ToString(CultureInfo.InvariantCulture) : "null";
            }

            var value = name switch
            {
                "org" => values.Org,
                "email" => values.Email,
                "user" => values.User,
                "key" => values.Key,
                _ => null,
            };
            if (value is null && !TenantCall.Placeholders.Contains(name))
            {
                return match.Value;
            }

            value ??= "";
            return escapeJson ? JsonEncodedText.Encode(value).ToString() : Uri.EscapeDataString(value);
        });

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    public void Dispose() => _client.Dispose();
}
